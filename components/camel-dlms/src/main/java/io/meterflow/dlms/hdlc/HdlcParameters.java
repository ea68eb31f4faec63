package io.meterflow.dlms.hdlc;

import io.meterflow.model.DecodeException;

import java.io.ByteArrayOutputStream;

/**
 * HDLC parameter negotiation (IEC 62056-46 6.4.4.4.3.2), the information field of SNRM and UA:
 * format identifier 0x81, group identifier 0x80, then maximum information field lengths
 * (transmit 0x05, receive 0x06) and window sizes (transmit 0x07, receive 0x08) of the sender.
 *
 * @param maxInfoTransmit largest information field the sender transmits
 * @param maxInfoReceive  largest information field the sender accepts
 * @param windowTransmit  transmit window size
 * @param windowReceive   receive window size
 */
public record HdlcParameters(int maxInfoTransmit, int maxInfoReceive, int windowTransmit, int windowReceive) {

    /** The values that apply when a frame carries no parameters. */
    public static final HdlcParameters DEFAULT = new HdlcParameters(128, 128, 1, 1);

    public byte[] encode() {
        ByteArrayOutputStream group = new ByteArrayOutputStream();
        value(group, 0x05, maxInfoTransmit, maxInfoTransmit > 0xFF ? 2 : 1);
        value(group, 0x06, maxInfoReceive, maxInfoReceive > 0xFF ? 2 : 1);
        value(group, 0x07, windowTransmit, 4);
        value(group, 0x08, windowReceive, 4);
        byte[] g = group.toByteArray();
        byte[] out = new byte[3 + g.length];
        out[0] = (byte) 0x81;
        out[1] = (byte) 0x80;
        out[2] = (byte) g.length;
        System.arraycopy(g, 0, out, 3, g.length);
        return out;
    }

    private static void value(ByteArrayOutputStream out, int id, int v, int size) {
        out.write(id);
        out.write(size);
        for (int i = size - 1; i >= 0; i--) {
            out.write(v >>> (8 * i));
        }
    }

    /** Reads the parameters; an empty field gives the defaults. */
    public static HdlcParameters decode(byte[] info) {
        if (info.length == 0) {
            return DEFAULT;
        }
        if (info.length < 3 || (info[0] & 0xFF) != 0x81 || (info[1] & 0xFF) != 0x80 || (info[2] & 0xFF) > info.length - 3) {
            throw new DecodeException("HDLC parameter field is not format 0x81 group 0x80", 0);
        }
        int tx = DEFAULT.maxInfoTransmit;
        int rx = DEFAULT.maxInfoReceive;
        int wtx = DEFAULT.windowTransmit;
        int wrx = DEFAULT.windowReceive;
        int end = 3 + (info[2] & 0xFF);
        int p = 3;
        while (p + 2 <= end) {
            int id = info[p] & 0xFF;
            int len = info[p + 1] & 0xFF;
            if (p + 2 + len > end || len > 4) {
                throw new DecodeException("HDLC parameter " + id + " of " + len + " bytes runs past its group", p);
            }
            long v = 0;
            for (int i = 0; i < len; i++) {
                v = (v << 8) | (info[p + 2 + i] & 0xFF);
            }
            switch (id) {
                case 0x05 -> tx = (int) Math.min(v, 0x7FF);
                case 0x06 -> rx = (int) Math.min(v, 0x7FF);
                case 0x07 -> wtx = (int) Math.min(v, 7);
                case 0x08 -> wrx = (int) Math.min(v, 7);
                default -> { }
            }
            p += 2 + len;
        }
        return new HdlcParameters(tx, rx, wtx, wrx);
    }
}
