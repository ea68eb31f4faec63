package io.meterflow.iec62056.readout;

/**
 * The block check character of IEC 62056-21: the XOR of every byte after the first SOH or STX of
 * a message, up to and including the ETX (or EOT) that ends it.
 */
public final class Bcc {

    public static final int SOH = 0x01;
    public static final int STX = 0x02;
    public static final int ETX = 0x03;
    public static final int EOT = 0x04;

    private Bcc() {
    }

    /** XOR of {@code bytes[from..to)}. */
    public static int compute(byte[] bytes, int from, int to) {
        int bcc = 0;
        for (int i = from; i < to; i++) {
            bcc ^= bytes[i];
        }
        return bcc & 0xFF;
    }

    /** XOR of the characters {@code text[from..to)}, each taken as one ISO-8859-1 byte. */
    public static int compute(CharSequence text, int from, int to) {
        int bcc = 0;
        for (int i = from; i < to; i++) {
            bcc ^= text.charAt(i);
        }
        return bcc & 0xFF;
    }

    /**
     * The BCC of a whole message that starts with SOH or STX and ends with ETX or EOT, without the
     * BCC itself.
     *
     * @throws IllegalArgumentException if the message does not start with SOH or STX
     */
    public static int ofMessage(byte[] message) {
        if (message.length < 2 || (message[0] != SOH && message[0] != STX)) {
            throw new IllegalArgumentException("a message with a BCC starts with SOH or STX");
        }
        return compute(message, 1, message.length);
    }

    /** The message with its BCC appended. */
    public static byte[] append(byte[] message) {
        byte[] out = java.util.Arrays.copyOf(message, message.length + 1);
        out[message.length] = (byte) ofMessage(message);
        return out;
    }
}
