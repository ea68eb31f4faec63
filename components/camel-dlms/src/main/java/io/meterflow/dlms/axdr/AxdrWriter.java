package io.meterflow.dlms.axdr;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes A-XDR: tagged {@code Data}, lengths and fixed APDU fields. */
public final class AxdrWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    public AxdrWriter u8(int v) {
        out.write(v);
        return this;
    }

    public AxdrWriter u16(int v) {
        out.write(v >> 8);
        out.write(v);
        return this;
    }

    public AxdrWriter u32(long v) {
        for (int s = 24; s >= 0; s -= 8) {
            out.write((int) (v >> s));
        }
        return this;
    }

    public AxdrWriter s64(long v) {
        for (int s = 56; s >= 0; s -= 8) {
            out.write((int) (v >> s));
        }
        return this;
    }

    public AxdrWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public AxdrWriter length(int n) {
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            u16(n);
        } else {
            out.write(0x84);
            u32(n);
        }
        return this;
    }

    public AxdrWriter octetString(byte[] b) {
        return length(b.length).bytes(b);
    }

    public AxdrWriter data(DlmsData d) {
        DataType type = d.type();
        out.write(type.tag());
        if (type == DataType.COMPACT_ARRAY) {
            compactArray(d.items());
        } else {
            content(d);
        }
        return this;
    }

    private void content(DlmsData d) {
        Object v = d.value();
        switch (d.type()) {
            case NULL_DATA, DONT_CARE -> { }
            case ARRAY, STRUCTURE -> {
                List<DlmsData> items = d.items();
                length(items.size());
                for (DlmsData item : items) {
                    data(item);
                }
            }
            case BOOLEAN -> u8(Boolean.TRUE.equals(v) ? 1 : 0);
            case BIT_STRING -> {
                BitString bs = (BitString) v;
                length(bs.bits());
                bytes(bs.bytes());
            }
            case DOUBLE_LONG, DOUBLE_LONG_UNSIGNED -> u32(d.longValue());
            case OCTET_STRING -> octetString((byte[]) v);
            case VISIBLE_STRING -> octetString(((String) v).getBytes(StandardCharsets.ISO_8859_1));
            case UTF8_STRING -> octetString(((String) v).getBytes(StandardCharsets.UTF_8));
            case BCD, INTEGER, UNSIGNED, ENUM -> u8((int) d.longValue());
            case LONG, LONG_UNSIGNED -> u16((int) d.longValue());
            case LONG64 -> s64(d.longValue());
            case LONG64_UNSIGNED -> s64(((BigInteger) v).longValue());
            case FLOAT32 -> u32(Float.floatToIntBits(((Number) v).floatValue()) & 0xFFFFFFFFL);
            case FLOAT64 -> s64(Double.doubleToLongBits(((Number) v).doubleValue()));
            case DATE_TIME -> bytes(((CosemDateTime) v).encode());
            case DATE -> {
                byte[] all = ((CosemDateTime) v).encode();
                out.write(all, 0, 5);
            }
            case TIME -> {
                byte[] all = ((CosemDateTime) v).encode();
                out.write(all, 5, 4);
            }
            case COMPACT_ARRAY -> compactArray(d.items());
        }
    }

    /** Writes the description from the first element; an empty compact array is described as null-data. */
    private void compactArray(List<DlmsData> items) {
        if (items.isEmpty()) {
            u8(DataType.NULL_DATA.tag());
            length(0);
            return;
        }
        describe(items.get(0));
        AxdrWriter contents = new AxdrWriter();
        for (DlmsData item : items) {
            contents.untagged(item);
        }
        octetString(contents.toByteArray());
    }

    private void describe(DlmsData d) {
        u8(d.type().tag());
        if (d.type() == DataType.ARRAY) {
            u16(d.items().size());
            describe(d.items().isEmpty() ? DlmsData.NULL : d.items().get(0));
        } else if (d.type() == DataType.STRUCTURE) {
            length(d.items().size());
            for (DlmsData item : d.items()) {
                describe(item);
            }
        }
    }

    private void untagged(DlmsData d) {
        if (d.type() == DataType.ARRAY || d.type() == DataType.STRUCTURE) {
            for (DlmsData item : d.items()) {
                untagged(item);
            }
        } else {
            content(d);
        }
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Encodes one value. */
    public static byte[] encode(DlmsData d) {
        return new AxdrWriter().data(d).toByteArray();
    }
}
