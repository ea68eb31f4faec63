package io.meterflow.mbus.codec;

import io.meterflow.model.DecodeException;

/**
 * The transport (TPL) header behind a CI field: none, short (access number, status,
 * configuration) or long (secondary address first). The configuration word says how the
 * records behind it are encrypted.
 *
 * @param ci            the CI field
 * @param address       the address of a long header, or null
 * @param accessNumber  the access number, or -1 without header
 * @param status        the status byte, or 0 without header
 * @param configuration the configuration word, or 0 without header
 * @param configExtension the configuration field extension of mode 7, or -1
 * @param dataStart     frame offset of the first byte after the header
 */
public record TransportHeader(int ci, SecondaryAddress address, int accessNumber, int status, int configuration,
                              int configExtension, int dataStart) {

    /** Security mode from the configuration word: 0 none, 5 AES-CBC with IV, 7 AES-CBC with derived key. */
    public int securityMode() {
        return (configuration >> 8) & 0x1F;
    }

    /** Number of encrypted 16-byte blocks (modes 5 and 7). */
    public int encryptedBlocks() {
        return (configuration >> 4) & 0x0F;
    }

    /** Whether the CI announces a long header. */
    static boolean isLong(int ci) {
        return ci == 0x72 || ci == 0x73 || ci == 0x76 || ci == 0x77;
    }

    static boolean isShort(int ci) {
        return ci == 0x7A || ci == 0x7B || ci == 0x7D || ci == 0x7E;
    }

    /** Reads the header of a CI at {@code at} (the CI byte itself); {@code end} bounds the frame. */
    public static TransportHeader read(byte[] b, int at, int end) {
        int ci = b[at] & 0xFF;
        int p = at + 1;
        if (isLong(ci)) {
            need(b, p, 12, end, "long transport header");
            SecondaryAddress address = SecondaryAddress.fromHeader(b, p);
            return withConfig(ci, address, b, p + 8, end);
        }
        if (isShort(ci)) {
            need(b, p, 4, end, "short transport header");
            return withConfig(ci, null, b, p, end);
        }
        return new TransportHeader(ci, null, -1, 0, 0, -1, p);
    }

    private static TransportHeader withConfig(int ci, SecondaryAddress address, byte[] b, int p, int end) {
        int acc = b[p] & 0xFF;
        int status = b[p + 1] & 0xFF;
        int config = (b[p + 2] & 0xFF) | (b[p + 3] & 0xFF) << 8;
        int next = p + 4;
        int ext = -1;
        if (((config >> 8) & 0x1F) == 7) {
            need(b, next, 1, end, "configuration field extension");
            ext = b[next] & 0xFF;
            next++;
        }
        return new TransportHeader(ci, address, acc, status, config, ext, next);
    }

    private static void need(byte[] b, int p, int n, int end, String what) {
        if (p + n > end) {
            throw new DecodeException("frame ends inside the " + what, Math.min(end, b.length));
        }
    }
}
