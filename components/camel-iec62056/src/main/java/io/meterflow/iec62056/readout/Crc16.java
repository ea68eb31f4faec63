package io.meterflow.iec62056.readout;

/**
 * The CRC of DSMR 4 and later P1 telegrams and of many mode D readouts: CRC-16 with polynomial
 * x^16+x^15+x^2+1, processed LSB first (reflected 0xA001), initial value 0, over every character
 * from the '/' of the identification line to the '!' of the end line, both included.
 */
public final class Crc16 {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc16() {
    }

    /** CRC of {@code text[from..to)}, each character taken as one ISO-8859-1 byte. */
    public static int compute(CharSequence text, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ text.charAt(i)) & 0xFF];
        }
        return crc;
    }
}
