package io.meterflow.dlms.wrapper;

import io.meterflow.model.DecodeException;

import java.util.Arrays;

/**
 * The DLMS/COSEM transport layer for IP networks (IEC 62056-47, the "wrapper"): version 0x0001,
 * source wPort, destination wPort and the length of the APDU that follows, each 2 bytes.
 *
 * @param version         protocol version, 1
 * @param sourceWport     sender's wPort (client SAP or logical device)
 * @param destinationWport receiver's wPort
 * @param apdu            the APDU carried
 */
public record WrapperFrame(int version, int sourceWport, int destinationWport, byte[] apdu) {

    public static final int VERSION = 1;
    public static final int HEADER_LENGTH = 8;

    public WrapperFrame {
        apdu = apdu.clone();
    }

    @Override
    public byte[] apdu() {
        return apdu.clone();
    }

    public int length() {
        return apdu.length;
    }

    public byte[] encode() {
        byte[] out = new byte[HEADER_LENGTH + apdu.length];
        out[0] = (byte) (version >> 8);
        out[1] = (byte) version;
        out[2] = (byte) (sourceWport >> 8);
        out[3] = (byte) sourceWport;
        out[4] = (byte) (destinationWport >> 8);
        out[5] = (byte) destinationWport;
        out[6] = (byte) (apdu.length >> 8);
        out[7] = (byte) apdu.length;
        System.arraycopy(apdu, 0, out, HEADER_LENGTH, apdu.length);
        return out;
    }

    /** Decodes one complete wrapper frame; trailing bytes beyond the length are an error. */
    public static WrapperFrame decode(byte[] b) {
        if (b.length < HEADER_LENGTH) {
            throw new DecodeException("wrapper header needs 8 bytes but the frame has " + b.length, 0);
        }
        int version = u16(b, 0);
        if (version != VERSION) {
            throw new DecodeException("wrapper version " + version + " is not 1", 0);
        }
        int length = u16(b, 6);
        if (length != b.length - HEADER_LENGTH) {
            throw new DecodeException("wrapper length says " + length + " bytes but " + (b.length - HEADER_LENGTH)
                    + " follow the header", 6);
        }
        return new WrapperFrame(version, u16(b, 2), u16(b, 4), Arrays.copyOfRange(b, HEADER_LENGTH, b.length));
    }

    /** The total frame length announced by a header at the start of {@code b} (8 bytes needed). */
    public static int frameLength(byte[] header) {
        return HEADER_LENGTH + u16(header, 6);
    }

    /** True when the bytes begin with a wrapper header whose length matches exactly. */
    public static boolean looksLikeWrapper(byte[] b) {
        return b.length >= HEADER_LENGTH && u16(b, 0) == VERSION && u16(b, 6) == b.length - HEADER_LENGTH;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrapperFrame w && version == w.version && sourceWport == w.sourceWport
                && destinationWport == w.destinationWport && Arrays.equals(apdu, w.apdu);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * version + sourceWport) + destinationWport) + Arrays.hashCode(apdu);
    }
}
