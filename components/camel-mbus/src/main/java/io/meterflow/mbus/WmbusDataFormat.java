package io.meterflow.mbus;

import io.meterflow.mbus.codec.Hex;
import io.meterflow.mbus.wireless.WirelessDecoder;
import io.meterflow.model.Telegram;
import org.apache.camel.Exchange;

/**
 * Data format {@code wmbus}: a wireless M-Bus telegram (bytes or hex text, with or without DLL
 * CRC blocks) to a {@link Telegram}. The meter key comes from the header
 * {@value MbusConstants#KEY} (hex) or, for a route that serves a single meter, the
 * {@code key} property. Without the needed key it throws
 * {@link io.meterflow.mbus.wireless.MissingKeyException}, with a wrong key
 * {@link io.meterflow.mbus.wireless.WrongKeyException}: both are DecodeExceptions, and the
 * route keeps the raw frame for a later attempt.
 *
 * <p>One instance remembers the format signatures of full frames for the compact frames that
 * follow, so use one instance per route (decoding is synchronized).
 */
public class WmbusDataFormat extends AbstractTelegramDataFormat {

    private final WirelessDecoder decoder = new WirelessDecoder();
    private String key;

    @Override
    public String getDataFormatName() {
        return "wmbus";
    }

    /** The AES-128 key as 32 hex digits (a PRIOS key as 16), for all telegrams without the key header. */
    public void setKey(String key) {
        this.key = key;
    }

    public String getKey() {
        return key;
    }

    @Override
    protected Telegram decode(Exchange exchange, byte[] frame) {
        String hex = exchange.getIn().getHeader(MbusConstants.KEY, key, String.class);
        byte[] aesKey = hex == null || hex.isBlank() ? null : Hex.decode(hex);
        synchronized (decoder) {
            return decoder.decode(frame, aesKey);
        }
    }
}
