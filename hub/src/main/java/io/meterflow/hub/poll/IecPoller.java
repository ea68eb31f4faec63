package io.meterflow.hub.poll;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.meterflow.iec62056.protocol.Iec62056Session;
import io.meterflow.iec62056.protocol.ProtocolMode;
import io.meterflow.iec62056.protocol.SessionOptions;
import io.meterflow.iec62056.protocol.TcpLink;
import io.meterflow.iec62056.readout.ReadoutDecoder;
import io.meterflow.model.Frame;
import io.meterflow.model.Telegram;
import org.springframework.stereotype.Component;

/**
 * IEC 62056-21 meters through a transparent TCP gateway or serial-to-TCP converter: sign-on,
 * option select (mode C baud-rate switch), readout, decoded as a readout. Addressing:
 * {@code address} (the device address of the sign-on, empty for any), {@code mode} (A-D, default C),
 * {@code wakeUp} (battery meters); at most 9600 Bd.
 */
@Component
public class IecPoller implements MeterPoller {

    @Override
    public String protocol() {
        return ReadoutDecoder.PROTOCOL;
    }

    @Override
    public Telegram poll(PollTarget t) throws IOException {
        int timeout = (int) t.timeout().toMillis();
        SessionOptions options = SessionOptions.defaults()
                .withAddress(t.textAddressing("address", ""))
                .withMode(ProtocolMode.valueOf(t.textAddressing("mode", "C").toUpperCase()))
                .withTimeouts(timeout, 300);
        if (Boolean.parseBoolean(t.textAddressing("wakeUp", "false"))) {
            options = options.withWakeUp(true, 65, 1600);
        }
        try (TcpLink link = new TcpLink(t.host(), t.port(), timeout)) {
            Iec62056Session session = new Iec62056Session(link, options);
            session.signOn();
            String readout = session.readout();
            // Times in a readout are the meter's local time: read them in the meter's time zone.
            ReadoutDecoder decoder = new ReadoutDecoder(io.meterflow.iec62056.readout.MappingOptions.of(ReadoutDecoder.PROTOCOL)
                    .withZone(t.zone()));
            return decoder.decode(new Frame(List.of(), readout, Map.of(), Instant.now()));
        }
    }
}
