package io.meterflow.dlms.apdu;

import io.meterflow.model.DecodeException;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The little BER the ACSE APDUs (AARQ, AARE, RLRQ, RLRE) need: tag, definite length, value. */
final class Ber {

    record Tlv(int tag, byte[] value, int offset) {
    }

    private Ber() {
    }

    static void write(ByteArrayOutputStream out, int tag, byte[] value) {
        out.write(tag);
        writeLength(out, value.length);
        out.write(value, 0, value.length);
    }

    static void writeLength(ByteArrayOutputStream out, int n) {
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        }
    }

    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, tag, value);
        return out.toByteArray();
    }

    /** The TLVs in {@code b[from, to)}. */
    static List<Tlv> read(byte[] b, int from, int to) {
        List<Tlv> out = new ArrayList<>();
        int p = from;
        while (p < to) {
            int at = p;
            int tag = b[p++] & 0xFF;
            if (p >= to) {
                throw new DecodeException("BER element without length", at);
            }
            int len = b[p++] & 0xFF;
            if (len >= 0x80) {
                int n = len & 0x7F;
                if (n == 0 || n > 2 || p + n > to) {
                    throw new DecodeException("BER length of " + n + " bytes", at);
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[p++] & 0xFF);
                }
            }
            if (p + len > to) {
                throw new DecodeException("BER element of " + len + " bytes runs past its container", at);
            }
            out.add(new Tlv(tag, Arrays.copyOfRange(b, p, p + len), p));
            p += len;
        }
        return out;
    }

    /** The single element of an APDU: tag must match, length must fill the APDU. */
    static byte[] body(byte[] apdu, int tag, String name) {
        List<Tlv> top = read(apdu, 0, apdu.length);
        if (top.size() != 1 || top.get(0).tag() != tag) {
            throw new DecodeException("not a well-formed " + name, 0);
        }
        return top.get(0).value();
    }

    /** The value inside a constructed element that wraps one primitive (e.g. A2 03 02 01 00). */
    static byte[] inner(Tlv t) {
        List<Tlv> in = read(t.value(), 0, t.value().length);
        if (in.isEmpty()) {
            throw new DecodeException(String.format("empty BER element %02X", t.tag()), t.offset());
        }
        return in.get(0).value();
    }
}
