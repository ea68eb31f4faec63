package io.meterflow.mbus.codec;

/**
 * The CRC of EN 13757-4 (polynomial 0x3D65, initial value 0, result inverted), used for the
 * data-link CRC blocks of wireless frames and for the format signature of compact frames.
 */
public final class MbusCrc {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x3D65 : crc << 1;
            }
            TABLE[i] = crc & 0xFFFF;
        }
    }

    private MbusCrc() {
    }

    public static int crc(byte[] data, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >> 8) ^ data[i]) & 0xFF]) & 0xFFFF;
        }
        return ~crc & 0xFFFF;
    }
}
