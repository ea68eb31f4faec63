package io.meterflow.mbus;

import io.meterflow.mbus.wireless.WirelessDecoder;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Frame;
import io.meterflow.model.FrameDecoder;
import io.meterflow.model.Telegram;

/**
 * The {@code wmbus} decoder for the hub. The parts of a frame are telegrams of one meter in the
 * order received, typically a full frame and then compact frames that use its format signature;
 * the result is the telegram of the last part. The format signatures stay in this instance, so a
 * compact frame decodes in a later call too, as long as the caller keeps the instance.
 */
public class WmbusFrameDecoder implements FrameDecoder {

    private final WirelessDecoder decoder;

    public WmbusFrameDecoder() {
        this(new WirelessDecoder());
    }

    /** With a wireless decoder of the caller's, e.g. {@link WirelessDecoder#sharingFormats()}. */
    public WmbusFrameDecoder(WirelessDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public String protocol() {
        return WirelessDecoder.PROTOCOL;
    }

    @Override
    public synchronized Telegram decode(Frame frame) {
        if (frame.parts().isEmpty()) {
            throw new DecodeException("a wireless M-Bus telegram is binary; got text only");
        }
        byte[] key = frame.key(Frame.ENCRYPTION_KEY);
        Telegram last = null;
        for (byte[] part : frame.parts()) {
            last = decoder.decode(part, key);
        }
        return last;
    }
}
