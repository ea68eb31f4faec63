package io.meterflow.mbus;

import io.meterflow.mbus.codec.MbusDecoder;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Frame;
import io.meterflow.model.FrameDecoder;
import io.meterflow.model.Telegram;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code mbus} decoder for the hub: each part of the frame is one long frame of a readout;
 * several parts are the telegrams of one multi-telegram readout and are merged.
 */
public class MbusFrameDecoder implements FrameDecoder {

    private final MbusDecoder decoder = new MbusDecoder();

    @Override
    public String protocol() {
        return MbusDecoder.PROTOCOL;
    }

    @Override
    public Telegram decode(Frame frame) {
        if (frame.parts().isEmpty()) {
            throw new DecodeException("an M-Bus frame is binary; got text only");
        }
        List<Telegram> telegrams = new ArrayList<>();
        for (byte[] part : frame.parts()) {
            telegrams.add(decoder.decode(part));
        }
        return TelegramMerger.merge(telegrams);
    }
}
