package io.meterflow.mbus.codec;

import io.meterflow.model.DecodeException;

/**
 * The EN 13757-2 link-layer frame: single character {@code E5}, short frame
 * {@code 10 C A CS 16}, control/long frame {@code 68 L L 68 C A [CI ...] CS 16}. Parsing checks
 * start and stop bytes, both length bytes and the checksum, and says which one failed.
 *
 * @param c   control field, or -1 for the single character
 * @param a   primary address, or -1
 * @param ci  CI field of a long frame, or -1
 * @param end offset just after the user data (where the checksum is)
 */
public record WiredFrame(int c, int a, int ci, int end, int length) {

    public static final int ACK = 0xE5;
    static final int CI_OFFSET = 6;

    public static WiredFrame parse(byte[] b) {
        if (b.length == 0) {
            throw new DecodeException("empty frame", 0);
        }
        int start = b[0] & 0xFF;
        if (start == ACK) {
            if (b.length != 1) {
                throw new DecodeException("bytes after the single-character acknowledgement E5", 1);
            }
            return new WiredFrame(-1, -1, -1, 1, 1);
        }
        if (start == 0x10) {
            if (b.length < 5) {
                throw new DecodeException("short frame needs 5 bytes, got " + b.length, b.length);
            }
            checksum(b, 1, 3);
            stop(b, 4);
            return new WiredFrame(b[1] & 0xFF, b[2] & 0xFF, -1, 3, 5);
        }
        if (start != 0x68) {
            throw new DecodeException(String.format("start byte is %02X, expected 68 (long frame), 10 (short frame) or E5", start), 0);
        }
        if (b.length < 4) {
            throw new DecodeException("long frame header needs 4 bytes, got " + b.length, b.length);
        }
        int l = b[1] & 0xFF;
        if ((b[2] & 0xFF) != l) {
            throw new DecodeException(String.format("length bytes differ: %02X and %02X", l, b[2] & 0xFF), 2);
        }
        if ((b[3] & 0xFF) != 0x68) {
            throw new DecodeException(String.format("second start byte is %02X, expected 68", b[3] & 0xFF), 3);
        }
        if (l < 3) {
            throw new DecodeException("length field " + l + " is shorter than C, A and CI", 1);
        }
        int total = l + 6;
        if (b.length < total) {
            throw new DecodeException("frame is " + b.length + " bytes but its length field announces " + total, b.length);
        }
        if (b.length > total) {
            throw new DecodeException("frame is " + b.length + " bytes but its length field announces " + total, total);
        }
        int end = 4 + l;
        checksum(b, 4, end);
        stop(b, end + 1);
        return new WiredFrame(b[4] & 0xFF, b[5] & 0xFF, b[6] & 0xFF, end, total);
    }

    String describe() {
        return c < 0 ? "the acknowledgement E5" : String.format("short frame C=%02X A=%02X", c, a);
    }

    private static void checksum(byte[] b, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += b[i] & 0xFF;
        }
        if ((sum & 0xFF) != (b[to] & 0xFF)) {
            throw new DecodeException(String.format("checksum is %02X, computed %02X", b[to] & 0xFF, sum & 0xFF), to);
        }
    }

    private static void stop(byte[] b, int at) {
        if ((b[at] & 0xFF) != 0x16) {
            throw new DecodeException(String.format("stop byte is %02X, expected 16", b[at] & 0xFF), at);
        }
    }
}
