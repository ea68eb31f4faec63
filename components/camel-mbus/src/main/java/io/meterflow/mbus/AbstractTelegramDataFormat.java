package io.meterflow.mbus;

import io.meterflow.mbus.codec.Hex;
import io.meterflow.model.Telegram;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Shared by the {@code mbus} and {@code wmbus} data formats: reads the body as bytes, accepting
 * hex text as gateways forward it (any body whose bytes are all hex digits, blanks or the
 * separators {@code : - _}), decodes it and sets the device headers. Decoding only: there is no
 * marshal.
 */
abstract class AbstractTelegramDataFormat extends ServiceSupport implements DataFormat, DataFormatName {

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) {
        throw new UnsupportedOperationException("the " + getDataFormatName()
                + " data format decodes meter telegrams; it does not encode them");
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        byte[] body = exchange.getIn().getBody(byte[].class);
        if (body == null) {
            body = stream.readAllBytes();
        }
        Telegram telegram = decode(exchange, bytes(body));
        if (telegram.device() != null) {
            exchange.getMessage().setHeader(MbusConstants.DEVICE_KEY, telegram.device().key());
        }
        exchange.getMessage().setHeader(MbusConstants.READING_COUNT, telegram.readings().size());
        return telegram;
    }

    protected abstract Telegram decode(Exchange exchange, byte[] frame);

    /** The frame bytes: as they are, or decoded from hex text. */
    static byte[] bytes(byte[] body) {
        if (body.length == 0) {
            return body;
        }
        for (byte b : body) {
            boolean hexChar = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F')
                    || b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == ':' || b == '-' || b == '_';
            if (!hexChar) {
                return body;
            }
        }
        return Hex.decode(new String(body, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
