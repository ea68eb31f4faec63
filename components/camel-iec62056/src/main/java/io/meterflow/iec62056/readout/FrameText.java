package io.meterflow.iec62056.readout;

import io.meterflow.model.DecodeException;
import io.meterflow.model.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The characters of a frame: its text, or else its parts one after another as ISO-8859-1. */
public final class FrameText {

    private FrameText() {
    }

    public static String of(Frame frame) {
        if (frame == null) {
            throw new DecodeException("no frame");
        }
        if (frame.text() != null) {
            return frame.text();
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : frame.parts()) {
            if (part != null) {
                all.writeBytes(part);
            }
        }
        // ISO-8859-1 maps each byte to one char, so character offsets stay byte offsets.
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
