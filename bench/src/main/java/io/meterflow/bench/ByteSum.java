package io.meterflow.bench;

import io.meterflow.model.Frame;

/**
 * The baseline: touch every byte (or character) of a frame once and add them up. It is the least
 * any decoder must do with the same input, so a decoder's figure divided by this one says how
 * far it is from reading its input at memory speed.
 */
public final class ByteSum {

    private ByteSum() {
    }

    public static long of(Frame frame) {
        long sum = 0;
        for (byte[] part : frame.parts()) {
            for (byte b : part) {
                sum += b & 0xFF;
            }
        }
        String text = frame.text();
        if (text != null) {
            for (int i = 0; i < text.length(); i++) {
                sum += text.charAt(i);
            }
        }
        return sum;
    }
}
