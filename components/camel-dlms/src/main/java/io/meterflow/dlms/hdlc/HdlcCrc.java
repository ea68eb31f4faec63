package io.meterflow.dlms.hdlc;

/** CRC-16/X.25 (ISO/IEC 13239): the HCS and FCS of HDLC frames, sent least significant byte first. */
public final class HdlcCrc {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private HdlcCrc() {
    }

    public static int compute(byte[] data, int from, int to) {
        int crc = 0xFFFF;
        for (int i = from; i < to; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xFF];
        }
        return ~crc & 0xFFFF;
    }

    /** True when the two bytes at {@code to} are the CRC of {@code data[from, to)}. */
    public static boolean check(byte[] data, int from, int to) {
        int crc = compute(data, from, to);
        return (data[to] & 0xFF) == (crc & 0xFF) && (data[to + 1] & 0xFF) == (crc >>> 8);
    }
}
