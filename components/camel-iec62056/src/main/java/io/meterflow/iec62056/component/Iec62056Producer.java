package io.meterflow.iec62056.component;

import io.meterflow.iec62056.p1.P1Decoder;
import io.meterflow.iec62056.protocol.Iec62056Session;
import io.meterflow.iec62056.protocol.Link;
import io.meterflow.iec62056.protocol.ProtocolMode;
import io.meterflow.iec62056.readout.DataSet;
import io.meterflow.iec62056.readout.FrameText;
import io.meterflow.iec62056.readout.Identification;
import io.meterflow.iec62056.readout.Readout;
import io.meterflow.iec62056.readout.ReadoutDecoder;
import io.meterflow.iec62056.readout.TelegramMapper;
import io.meterflow.model.Telegram;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Polls one meter per exchange: a readout (body: the {@link Telegram}), an R1 read of one register
 * (body: a telegram with that reading) or a W1 write. Each exchange is one complete session, from
 * sign-on to break, so a meter is never left in programming mode between polls.
 */
public class Iec62056Producer extends DefaultProducer {

    private final Iec62056Configuration config;

    public Iec62056Producer(Iec62056Endpoint endpoint) {
        super(endpoint);
        this.config = endpoint.getConfiguration();
    }

    @Override
    public Iec62056Endpoint getEndpoint() {
        return (Iec62056Endpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        String operation = in.getHeader(Iec62056Constants.OPERATION, config.getOperation(), String.class);
        if ("serial".equals(config.getTransport()) && "readout".equals(operation) && config.getMode() != ProtocolMode.D) {
            J62056Readout.read(config, exchange);
            return;
        }
        try (Link link = getEndpoint().openLink(false)) {
            Iec62056Session session = new Iec62056Session(link, config.sessionOptions());
            if (config.getMode() == ProtocolMode.D) {
                answer(exchange, session.listen(), null);
                return;
            }
            Identification ident = session.signOn();
            in.setHeader(Iec62056Constants.IDENTIFICATION, ident.line());
            switch (operation) {
                case "readout" -> answer(exchange, session.readout(), ident);
                case "read" -> {
                    session.programmingMode();
                    DataSet ds = session.read(register(in));
                    session.signOff();
                    Readout one = new Readout(ident, List.of(ds), Readout.Check.BCC, null, null);
                    String raw = ds.toString();
                    in.setHeader(Iec62056Constants.RAW, raw);
                    in.setHeader(Iec62056Constants.PROTOCOL, ReadoutDecoder.PROTOCOL);
                    in.setBody(new TelegramMapper(config.mappingOptions(ReadoutDecoder.PROTOCOL)).map(one, FrameText.bytes(raw)));
                }
                case "write" -> {
                    String value = in.getHeader(Iec62056Constants.VALUE, String.class);
                    if (value == null) {
                        value = in.getBody(String.class);
                    }
                    if (value == null) {
                        throw new IllegalArgumentException("write needs a value in header " + Iec62056Constants.VALUE + " or the body");
                    }
                    session.programmingMode();
                    session.write(register(in), value);
                    session.signOff();
                }
                default -> throw new IllegalArgumentException("unknown operation \"" + operation + "\"; use readout, read or write");
            }
        }
    }

    private String register(Message in) {
        String register = in.getHeader(Iec62056Constants.REGISTER, config.getRegister(), String.class);
        if (register == null || register.isBlank()) {
            throw new IllegalArgumentException("read and write need a register (option register or header "
                    + Iec62056Constants.REGISTER + ")");
        }
        return register;
    }

    private void answer(Exchange exchange, String text, Identification ident) {
        Message in = exchange.getIn();
        in.setHeader(Iec62056Constants.RAW, text);
        // a mode D readout with a CRC is a P1 telegram; everything else a plain readout
        boolean p1 = ident == null && text.matches("(?s).*\\n![0-9A-Fa-f]{4}\\r?\\n?\\s*");
        String protocol = p1 ? P1Decoder.PROTOCOL : ReadoutDecoder.PROTOCOL;
        in.setHeader(Iec62056Constants.PROTOCOL, protocol);
        Telegram t = p1 ? new P1Decoder(config.mappingOptions(protocol)).decode(text)
                : new ReadoutDecoder(config.mappingOptions(protocol)).decode(text);
        in.setBody(t);
    }
}
