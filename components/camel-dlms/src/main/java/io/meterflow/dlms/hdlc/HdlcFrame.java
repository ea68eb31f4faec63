package io.meterflow.dlms.hdlc;

import io.meterflow.dlms.axdr.Hex;
import io.meterflow.model.DecodeException;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * One HDLC frame of frame format type 3 (IEC 62056-46 6.4): flag, format (type 0xA, segmentation
 * bit, 11-bit length), destination and source address, control, HCS when there is an
 * information field, the information field, FCS, flag.
 *
 * @param segmented   the S bit: more segments of the same information follow
 * @param destination destination address
 * @param source      source address
 * @param control     control field byte
 * @param information information field, empty if none
 */
public record HdlcFrame(boolean segmented, HdlcAddress destination, HdlcAddress source, int control,
                        byte[] information) {

    public static final int FLAG = 0x7E;

    /** Frame kinds by control field (IEC 62056-46 6.4.3). */
    public enum Kind { I, RR, RNR, SNRM, DISC, UA, DM, FRMR, UI, UNKNOWN }

    public HdlcFrame {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(source, "source");
        information = information == null ? new byte[0] : information.clone();
    }

    @Override
    public byte[] information() {
        return information.clone();
    }

    public Kind kind() {
        if ((control & 0x01) == 0) {
            return Kind.I;
        }
        int c = control & ~0x10;
        if ((control & 0x03) == 0x01) {
            return switch (control & 0x0F) {
                case 0x01 -> Kind.RR;
                case 0x05 -> Kind.RNR;
                default -> Kind.UNKNOWN;
            };
        }
        return switch (c) {
            case 0x83 -> Kind.SNRM;
            case 0x43 -> Kind.DISC;
            case 0x63 -> Kind.UA;
            case 0x0F -> Kind.DM;
            case 0x87 -> Kind.FRMR;
            case 0x03 -> Kind.UI;
            default -> Kind.UNKNOWN;
        };
    }

    /** The poll/final bit. */
    public boolean pollFinal() {
        return (control & 0x10) != 0;
    }

    /** N(S) of an I frame. */
    public int sendSequence() {
        return (control >>> 1) & 0x07;
    }

    /** N(R) of an I, RR or RNR frame. */
    public int receiveSequence() {
        return (control >>> 5) & 0x07;
    }

    public static int controlI(int sendSequence, int receiveSequence, boolean pollFinal) {
        return ((receiveSequence & 7) << 5) | (pollFinal ? 0x10 : 0) | ((sendSequence & 7) << 1);
    }

    public static int controlRr(int receiveSequence, boolean pollFinal) {
        return ((receiveSequence & 7) << 5) | (pollFinal ? 0x10 : 0) | 0x01;
    }

    public static int controlRnr(int receiveSequence, boolean pollFinal) {
        return ((receiveSequence & 7) << 5) | (pollFinal ? 0x10 : 0) | 0x05;
    }

    public static final int SNRM = 0x93;
    public static final int DISC = 0x53;
    public static final int UA = 0x73;
    public static final int DM = 0x1F;
    public static final int FRMR = 0x97;
    public static final int UI = 0x13;

    /** The frame with flags, HCS and FCS. */
    public byte[] encode() {
        byte[] dst = destination.encode();
        byte[] src = source.encode();
        int headerLength = 2 + dst.length + src.length + 1;
        int length = headerLength + (information.length > 0 ? 2 + information.length : 0) + 2;
        if (length > 0x7FF) {
            throw new IllegalArgumentException("HDLC frame of " + length + " bytes exceeds the 11-bit length");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 2);
        out.write(FLAG);
        out.write(0xA0 | (segmented ? 0x08 : 0) | (length >>> 8));
        out.write(length);
        out.write(dst, 0, dst.length);
        out.write(src, 0, src.length);
        out.write(control);
        byte[] sofar = out.toByteArray();
        if (information.length > 0) {
            int hcs = HdlcCrc.compute(sofar, 1, sofar.length);
            out.write(hcs);
            out.write(hcs >>> 8);
            out.write(information, 0, information.length);
        }
        byte[] body = out.toByteArray();
        int fcs = HdlcCrc.compute(body, 1, body.length);
        out.write(fcs);
        out.write(fcs >>> 8);
        out.write(FLAG);
        return out.toByteArray();
    }

    /** Decodes one whole frame, with or without its opening and closing flags. */
    public static HdlcFrame decode(byte[] b) {
        int from = 0;
        int to = b.length;
        if (to > 0 && (b[0] & 0xFF) == FLAG) {
            from = 1;
        }
        if (to > from && (b[to - 1] & 0xFF) == FLAG) {
            to--;
        }
        return decode(b, from, to, from);
    }

    /**
     * Decodes the frame in {@code b[from, to)}: format field to FCS, flags excluded. {@code base}
     * is the offset of {@code from} reported in errors.
     */
    public static HdlcFrame decode(byte[] b, int from, int to, int base) {
        if (to - from < 7) {
            throw new DecodeException("HDLC frame of " + (to - from) + " bytes is shorter than the minimum of 7", base);
        }
        int f0 = b[from] & 0xFF;
        if ((f0 & 0xF0) != 0xA0) {
            throw new DecodeException(String.format("HDLC format type %X is not 0xA (frame format type 3)", f0 >>> 4), base);
        }
        int length = ((f0 & 0x07) << 8) | (b[from + 1] & 0xFF);
        if (length != to - from) {
            throw new DecodeException("HDLC length field says " + length + " bytes but the frame has " + (to - from), base);
        }
        boolean segmented = (f0 & 0x08) != 0;
        int p = from + 2;
        HdlcAddress dst = HdlcAddress.decode(b, p, to - 2);
        p += dst.size();
        HdlcAddress src = HdlcAddress.decode(b, p, to - 2);
        p += src.size();
        if (p >= to - 2) {
            throw new DecodeException("HDLC frame has no control field", base + p - from);
        }
        int control = b[p++] & 0xFF;
        if (!HdlcCrc.check(b, from, to - 2)) {
            throw new DecodeException("HDLC FCS mismatch", base + to - 2 - from);
        }
        byte[] info = new byte[0];
        if (p < to - 2) {
            if (to - 2 - p < 2) {
                throw new DecodeException("HDLC frame too short for its HCS", base + p - from);
            }
            if (!HdlcCrc.check(b, from, p)) {
                throw new DecodeException("HDLC HCS mismatch", base + p - from);
            }
            p += 2;
            info = Arrays.copyOfRange(b, p, to - 2);
        }
        return new HdlcFrame(segmented, dst, src, control, info);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HdlcFrame other && segmented == other.segmented && destination.equals(other.destination)
                && source.equals(other.source) && control == other.control
                && Arrays.equals(information, other.information);
    }

    @Override
    public int hashCode() {
        return Objects.hash(segmented, destination, source, control, Arrays.hashCode(information));
    }

    @Override
    public String toString() {
        return "HdlcFrame[" + kind() + (segmented ? " segmented" : "") + " " + source + "->" + destination
                + String.format(" control=%02X", control) + " info=" + Hex.of(information) + "]";
    }
}
