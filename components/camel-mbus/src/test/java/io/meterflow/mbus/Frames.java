package io.meterflow.mbus;

import io.meterflow.mbus.codec.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Conformance frames for tests, and edits of them that keep the frame checks right. */
public final class Frames {

    private Frames() {
    }

    public static byte[] libmbus(String name) {
        try {
            return Hex.decode(Files.readString(TestData.resolve("mbus/libmbus/test-frames/" + name + ".hex")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The frame with DIF 0x1F ("more records follow") appended to its data. */
    public static byte[] withMoreRecordsFollow(byte[] frame) {
        int l = frame[1] & 0xFF;
        byte[] out = new byte[frame.length + 1];
        System.arraycopy(frame, 0, out, 0, 4 + l);
        out[4 + l] = 0x1F;
        out[1] = (byte) (l + 1);
        out[2] = (byte) (l + 1);
        return withChecksum(out);
    }

    /** The frame with another identification number (8 digits) in its long header. */
    public static byte[] withId(byte[] frame, String id) {
        byte[] out = frame.clone();
        for (int i = 0; i < 4; i++) {
            out[7 + i] = (byte) Integer.parseInt(id.substring(6 - 2 * i, 8 - 2 * i), 16);
        }
        return withChecksum(out);
    }

    private static byte[] withChecksum(byte[] f) {
        int l = f[1] & 0xFF;
        int sum = 0;
        for (int i = 4; i < 4 + l; i++) {
            sum += f[i] & 0xFF;
        }
        f[4 + l] = (byte) sum;
        f[5 + l] = 0x16;
        return f;
    }
}
