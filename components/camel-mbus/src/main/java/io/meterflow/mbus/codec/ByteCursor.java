package io.meterflow.mbus.codec;

import io.meterflow.model.DecodeException;

/**
 * Reads a byte range front to back and reports where it ran out. Offsets in errors are counted
 * from the start of the whole frame ({@code base}), so they point into the bytes a user holds.
 */
final class ByteCursor {

    private final byte[] data;
    private final int end;
    private final int base;
    private int pos;

    ByteCursor(byte[] data, int from, int to, int base) {
        this.data = data;
        this.pos = from;
        this.end = to;
        this.base = base;
    }

    boolean hasMore() {
        return pos < end;
    }

    int remaining() {
        return end - pos;
    }

    int position() {
        return pos;
    }

    /** The frame offset of the next byte. */
    int offset() {
        return base + pos;
    }

    int peek() {
        return data[pos] & 0xFF;
    }

    int next(String what) {
        if (pos >= end) {
            throw new DecodeException("frame ends inside the " + what, base + pos);
        }
        return data[pos++] & 0xFF;
    }

    int[] take(int n, String what) {
        if (n > end - pos) {
            throw new DecodeException("frame ends inside the " + what + " (" + n + " bytes needed, "
                    + (end - pos) + " left)", base + pos);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = data[pos++] & 0xFF;
        }
        return out;
    }

    byte[] rest() {
        byte[] out = new byte[end - pos];
        System.arraycopy(data, pos, out, 0, out.length);
        pos = end;
        return out;
    }
}
