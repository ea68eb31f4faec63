package io.meterflow.dlms.hdlc;

import io.meterflow.model.DecodeException;

/**
 * An HDLC address (IEC 62056-46 6.4.2): 1, 2 or 4 bytes, each with the extension bit in its
 * least significant bit. A server address has an upper (logical device) and, with 2 or 4
 * bytes, a lower (physical device) part; a client address is one byte.
 *
 * @param logical  upper HDLC address (logical device, or the client address)
 * @param physical lower HDLC address, or -1 for a 1-byte address
 * @param size     encoded size: 1, 2 or 4
 */
public record HdlcAddress(int logical, int physical, int size) {

    public HdlcAddress {
        if (size != 1 && size != 2 && size != 4) {
            throw new IllegalArgumentException("HDLC address size must be 1, 2 or 4, was " + size);
        }
        int max = size == 4 ? 0x3FFF : 0x7F;
        if (logical < 0 || logical > max || (size > 1 && (physical < 0 || physical > max))) {
            throw new IllegalArgumentException("HDLC address " + logical + "/" + physical + " does not fit " + size + " bytes");
        }
    }

    public static HdlcAddress client(int address) {
        return new HdlcAddress(address, -1, 1);
    }

    /** A server address in the smallest size that holds both parts. */
    public static HdlcAddress server(int logical, int physical) {
        return new HdlcAddress(logical, physical, logical > 0x7F || physical > 0x7F ? 4 : 2);
    }

    /** Reads an address at {@code offset}; its size is where the extension bit is set. */
    public static HdlcAddress decode(byte[] b, int offset, int end) {
        int n = 0;
        while (true) {
            if (offset + n >= end) {
                throw new DecodeException("HDLC address runs past the frame", offset);
            }
            n++;
            if ((b[offset + n - 1] & 1) != 0) {
                break;
            }
            if (n == 4) {
                throw new DecodeException("HDLC address longer than 4 bytes", offset);
            }
        }
        if (n == 3) {
            throw new DecodeException("HDLC address of 3 bytes", offset);
        }
        if (n == 1) {
            return new HdlcAddress((b[offset] & 0xFF) >>> 1, -1, 1);
        }
        if (n == 2) {
            return new HdlcAddress((b[offset] & 0xFF) >>> 1, (b[offset + 1] & 0xFF) >>> 1, 2);
        }
        int upper = (((b[offset] & 0xFF) >>> 1) << 7) | ((b[offset + 1] & 0xFF) >>> 1);
        int lower = (((b[offset + 2] & 0xFF) >>> 1) << 7) | ((b[offset + 3] & 0xFF) >>> 1);
        return new HdlcAddress(upper, lower, 4);
    }

    public byte[] encode() {
        return switch (size) {
            case 1 -> new byte[] {(byte) ((logical << 1) | 1)};
            case 2 -> new byte[] {(byte) (logical << 1), (byte) ((physical << 1) | 1)};
            default -> new byte[] {(byte) ((logical >>> 7) << 1), (byte) ((logical & 0x7F) << 1),
                    (byte) ((physical >>> 7) << 1), (byte) (((physical & 0x7F) << 1) | 1)};
        };
    }

    @Override
    public String toString() {
        return size == 1 ? String.valueOf(logical) : logical + "/" + physical;
    }
}
