package io.meterflow.mbus.wireless;

import io.meterflow.mbus.codec.MbusCrc;
import io.meterflow.model.DecodeException;

/**
 * Takes the DLL CRC blocks out of a wireless telegram (EN 13757-4 frame format A or B), or
 * accepts it as it is when it already comes without them, as most gateways and captures forward
 * telegrams. Which case applies is decided by the L-field and by the CRCs themselves.
 */
public final class LinkLayerFrame {

    /** How the CRC blocks were found. */
    public enum Format { NO_CRC, FORMAT_A, FORMAT_B }

    /**
     * @param bytes  the telegram without CRC bytes, {@code L+1} long
     * @param format how it came
     * @param trailing bytes after the telegram that were ignored (e.g. an RSSI byte a receiver appended)
     */
    public record Stripped(byte[] bytes, Format format, int trailing) {
    }

    private LinkLayerFrame() {
    }

    public static Stripped strip(byte[] b) {
        if (b.length < 11) {
            throw new DecodeException("wireless telegram needs at least 11 bytes (L C M A CI), got " + b.length,
                    b.length);
        }
        int l = b[0] & 0xFF;
        if (l < 10) {
            throw new DecodeException("L-field " + l + " is shorter than the link-layer header", 0);
        }
        int plain = l + 1;
        int formatA = plain + 2 * (1 + (l - 9 + 15) / 16);
        if (b.length == formatA && crcsA(b, l)) {
            return new Stripped(removeA(b, l), Format.FORMAT_A, 0);
        }
        if (b.length == plain && crcsB(b)) {
            return new Stripped(removeB(b), Format.FORMAT_B, 0);
        }
        if (b.length == plain) {
            return new Stripped(b.clone(), Format.NO_CRC, 0);
        }
        if (b.length > formatA && crcsA(b, l)) {
            return new Stripped(removeA(b, l), Format.FORMAT_A, b.length - formatA);
        }
        if (b.length > plain) {
            byte[] out = new byte[plain];
            System.arraycopy(b, 0, out, 0, plain);
            return new Stripped(out, Format.NO_CRC, b.length - plain);
        }
        throw new DecodeException("telegram is " + b.length + " bytes but its L-field announces " + plain
                + " (or " + formatA + " with CRC blocks)", b.length);
    }

    private static boolean crcsA(byte[] b, int l) {
        if (!crcAt(b, 0, 10)) {
            return false;
        }
        int remaining = l - 9;
        int p = 12;
        while (remaining > 0) {
            int n = Math.min(16, remaining);
            if (!crcAt(b, p, p + n)) {
                return false;
            }
            p += n + 2;
            remaining -= n;
        }
        return true;
    }

    private static byte[] removeA(byte[] b, int l) {
        byte[] out = new byte[l + 1];
        System.arraycopy(b, 0, out, 0, 10);
        int remaining = l - 9;
        int p = 12;
        int o = 10;
        while (remaining > 0) {
            int n = Math.min(16, remaining);
            System.arraycopy(b, p, out, o, n);
            o += n;
            p += n + 2;
            remaining -= n;
        }
        return out;
    }

    /** Format B: the L-field counts the CRCs; one CRC after byte 125 and one at the end. */
    private static boolean crcsB(byte[] b) {
        int total = b.length;
        if (total < 12) {
            return false;
        }
        if (total <= 128) {
            return crcAt(b, 0, total - 2);
        }
        return crcAt(b, 0, 126) && total >= 131 && crcAt(b, 128, total - 2);
    }

    private static byte[] removeB(byte[] b) {
        int total = b.length;
        byte[] out;
        if (total <= 128) {
            out = new byte[total - 2];
            System.arraycopy(b, 0, out, 0, total - 2);
        } else {
            out = new byte[total - 4];
            System.arraycopy(b, 0, out, 0, 126);
            System.arraycopy(b, 128, out, 126, total - 130);
        }
        out[0] = (byte) (out.length - 1);
        return out;
    }

    private static boolean crcAt(byte[] b, int from, int to) {
        if (to + 2 > b.length) {
            return false;
        }
        int crc = MbusCrc.crc(b, from, to);
        return (b[to] & 0xFF) == (crc >> 8) && (b[to + 1] & 0xFF) == (crc & 0xFF);
    }

    /** Adds format A CRC blocks to a telegram without them; used by tests and simulators. */
    public static byte[] addFormatA(byte[] plain) {
        int l = plain[0] & 0xFF;
        byte[] out = new byte[plain.length + 2 * (1 + (l - 9 + 15) / 16)];
        int o = 0;
        int p = 0;
        int n = 10;
        while (p < plain.length) {
            System.arraycopy(plain, p, out, o, n);
            int crc = MbusCrc.crc(plain, p, p + n);
            out[o + n] = (byte) (crc >> 8);
            out[o + n + 1] = (byte) crc;
            o += n + 2;
            p += n;
            n = Math.min(16, plain.length - p);
        }
        return out;
    }
}
