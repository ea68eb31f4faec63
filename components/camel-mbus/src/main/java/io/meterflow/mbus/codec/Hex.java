package io.meterflow.mbus.codec;

import io.meterflow.model.DecodeException;

/** Hex text to bytes and back, as gateways and captures write frames. */
public final class Hex {

    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

    private Hex() {
    }

    /**
     * Reads hex digits; whitespace and the separators {@code : - _ #|} are skipped, as captures and
     * gateway logs use them between bytes.
     *
     * @throws DecodeException on any other character or an odd number of digits
     */
    public static byte[] decode(CharSequence text) {
        byte[] out = new byte[text.length() / 2 + 1];
        int n = 0;
        int high = -1;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch) || ch == ':' || ch == '-' || ch == '_' || ch == '#' || ch == '|') {
                continue;
            }
            int v = Character.digit(ch, 16);
            if (v < 0) {
                throw new DecodeException("not a hex digit: '" + ch + "' at character " + i);
            }
            if (high < 0) {
                high = v;
            } else {
                out[n++] = (byte) (high << 4 | v);
                high = -1;
            }
        }
        if (high >= 0) {
            throw new DecodeException("odd number of hex digits");
        }
        byte[] result = new byte[n];
        System.arraycopy(out, 0, result, 0, n);
        return result;
    }

    public static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }

    public static String encode(byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder((to - from) * 2);
        for (int i = from; i < to; i++) {
            sb.append(DIGITS[(bytes[i] >> 4) & 0xF]).append(DIGITS[bytes[i] & 0xF]);
        }
        return sb.toString();
    }
}
