package io.meterflow.mbus;

import io.meterflow.mbus.codec.MbusDecoder;
import io.meterflow.model.Telegram;
import org.apache.camel.Exchange;

/**
 * Data format {@code mbus}: a wired M-Bus long frame (bytes or hex text) to a
 * {@link Telegram}. Throws {@link io.meterflow.model.DecodeException} for a bad frame, saying what
 * and at which byte. In YAML: {@code unmarshal: { custom: { ref: mbus } }}.
 */
public class MbusDataFormat extends AbstractTelegramDataFormat {

    private final MbusDecoder decoder = new MbusDecoder();

    @Override
    public String getDataFormatName() {
        return "mbus";
    }

    @Override
    protected Telegram decode(Exchange exchange, byte[] frame) {
        return decoder.decode(frame);
    }
}
