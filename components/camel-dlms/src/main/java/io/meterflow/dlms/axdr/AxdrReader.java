package io.meterflow.dlms.axdr;

import io.meterflow.model.DecodeException;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads A-XDR (IEC 61334-6) as DLMS/COSEM uses it: tagged {@code Data}, lengths, and the fixed
 * fields of APDUs. Every read checks the bytes left, so truncated or forged input ends in a
 * {@link DecodeException} with the byte offset, never in an index error or a huge allocation.
 */
public final class AxdrReader {

    /** Nesting deeper than this is not a meter's data but an attack on the stack. */
    public static final int MAX_DEPTH = 32;
    /** Upper bound for elements of zero encoded size (null-data in a compact array). */
    private static final int MAX_EMPTY_ELEMENTS = 65_536;

    private final byte[] buf;
    private final int end;
    private final int base;
    private int pos;

    /** Reads {@code buf[from, to)}; offsets in errors are counted from {@code base} + index. */
    public AxdrReader(byte[] buf, int from, int to, int base) {
        if (from < 0 || to > buf.length || from > to) {
            throw new IllegalArgumentException("bad range " + from + ".." + to + " of " + buf.length);
        }
        this.buf = buf;
        this.pos = from;
        this.end = to;
        this.base = base - from;
    }

    public AxdrReader(byte[] buf) {
        this(buf, 0, buf.length, 0);
    }

    public int position() {
        return pos;
    }

    /** The offset of the read position as reported in errors. */
    public int offset() {
        return base + pos;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    private void need(int n, String what) {
        if (n < 0 || end - pos < n) {
            throw new DecodeException(what + " needs " + n + " bytes but " + (end - pos) + " are left", offset());
        }
    }

    public int u8(String what) {
        need(1, what);
        return buf[pos++] & 0xFF;
    }

    public int peek(String what) {
        need(1, what);
        return buf[pos] & 0xFF;
    }

    public int u16(String what) {
        need(2, what);
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    public long u32(String what) {
        need(4, what);
        long v = ((long) (buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
                | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    public long s64(String what) {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    public byte[] bytes(int n, String what) {
        need(n, what);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    public byte[] rest() {
        return bytes(end - pos, "rest");
    }

    /** A-XDR length: one byte below 0x80, else 0x8N and N big-endian bytes (N at most 4). */
    public int length(String what) {
        int at = offset();
        int first = u8(what + " length");
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7F;
        if (n == 0 || n > 4) {
            throw new DecodeException(what + " length has " + n + " length bytes", at);
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | u8(what + " length");
        }
        if (v > Integer.MAX_VALUE) {
            throw new DecodeException(what + " length " + v + " is too large", at);
        }
        return (int) v;
    }

    /** A length-prefixed octet string. */
    public byte[] octetString(String what) {
        int at = offset();
        int n = length(what);
        if (n > remaining()) {
            throw new DecodeException(what + " of " + n + " bytes but " + remaining() + " are left", at);
        }
        return bytes(n, what);
    }

    /** One tagged {@code Data} value. */
    public DlmsData data() {
        return data(0);
    }

    private DlmsData data(int depth) {
        int at = offset();
        int tag = u8("data tag");
        DataType type = DataType.ofTag(tag);
        if (type == null) {
            throw new DecodeException("unknown data type tag " + tag, at);
        }
        if (depth > MAX_DEPTH) {
            throw new DecodeException("data nested deeper than " + MAX_DEPTH, at);
        }
        return switch (type) {
            case ARRAY, STRUCTURE -> {
                int count = length(type.label());
                if (count > remaining()) {
                    throw new DecodeException(type.label() + " of " + count + " elements but only "
                            + remaining() + " bytes are left", at);
                }
                List<DlmsData> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(data(depth + 1));
                }
                yield new DlmsData(type, items);
            }
            case COMPACT_ARRAY -> compactArray(depth, at);
            default -> content(type, depth);
        };
    }

    /** The content of a value whose type is known (tag already read, or from a type description). */
    private DlmsData content(DataType type, int depth) {
        int at = offset();
        return switch (type) {
            case NULL_DATA, DONT_CARE -> new DlmsData(type, null);
            case BOOLEAN -> new DlmsData(type, u8("boolean") != 0);
            case BIT_STRING -> {
                int bits = length("bit-string");
                int n = (bits + 7) / 8;
                if (bits < 0 || n > remaining()) {
                    throw new DecodeException("bit-string of " + bits + " bits but " + remaining() + " bytes are left", at);
                }
                yield new DlmsData(type, new BitString(bits, bytes(n, "bit-string")));
            }
            case DOUBLE_LONG -> new DlmsData(type, (long) (int) u32("double-long"));
            case DOUBLE_LONG_UNSIGNED -> new DlmsData(type, u32("double-long-unsigned"));
            case OCTET_STRING -> new DlmsData(type, octetString("octet-string"));
            case VISIBLE_STRING -> new DlmsData(type, new String(octetString("visible-string"), StandardCharsets.ISO_8859_1));
            case UTF8_STRING -> new DlmsData(type, new String(octetString("utf8-string"), StandardCharsets.UTF_8));
            case BCD, INTEGER -> new DlmsData(type, (long) (byte) u8(type.label()));
            case LONG -> new DlmsData(type, (long) (short) u16("long"));
            case UNSIGNED, ENUM -> new DlmsData(type, (long) u8(type.label()));
            case LONG_UNSIGNED -> new DlmsData(type, (long) u16("long-unsigned"));
            case LONG64 -> new DlmsData(type, s64("long64"));
            case LONG64_UNSIGNED -> {
                long v = s64("long64-unsigned");
                yield new DlmsData(type, new BigInteger(Long.toUnsignedString(v)));
            }
            case FLOAT32 -> new DlmsData(type, Float.intBitsToFloat((int) u32("float32")));
            case FLOAT64 -> new DlmsData(type, Double.longBitsToDouble(s64("float64")));
            case DATE_TIME -> {
                need(12, "date-time");
                CosemDateTime t = CosemDateTime.decode(buf, pos, at);
                pos += 12;
                yield new DlmsData(type, t);
            }
            case DATE -> {
                byte[] d = bytes(5, "date");
                yield new DlmsData(type, new CosemDateTime(((d[0] & 0xFF) << 8) | (d[1] & 0xFF), d[2] & 0xFF,
                        d[3] & 0xFF, d[4] & 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, CosemDateTime.DEVIATION_NOT_SPECIFIED, 0xFF));
            }
            case TIME -> {
                byte[] t = bytes(4, "time");
                yield new DlmsData(type, new CosemDateTime(CosemDateTime.YEAR_NOT_SPECIFIED, 0xFF, 0xFF, 0xFF,
                        t[0] & 0xFF, t[1] & 0xFF, t[2] & 0xFF, t[3] & 0xFF, CosemDateTime.DEVIATION_NOT_SPECIFIED, 0xFF));
            }
            case ARRAY, STRUCTURE, COMPACT_ARRAY -> throw new DecodeException("nested type " + type + " needs a description", at);
        };
    }

    /** A type description of a compact-array (Blue Book 4.1.5: TypeDescription). */
    public record TypeDescription(DataType type, int count, List<TypeDescription> elements) {
    }

    private TypeDescription typeDescription(int depth) {
        int at = offset();
        if (depth > MAX_DEPTH) {
            throw new DecodeException("type description nested deeper than " + MAX_DEPTH, at);
        }
        int tag = u8("type description");
        DataType type = DataType.ofTag(tag);
        if (type == null || type == DataType.COMPACT_ARRAY) {
            throw new DecodeException("type " + tag + " not allowed in a compact-array description", at);
        }
        if (type == DataType.ARRAY) {
            int count = u16("array description count");
            TypeDescription element = typeDescription(depth + 1);
            return new TypeDescription(type, count, List.of(element));
        }
        if (type == DataType.STRUCTURE) {
            int count = length("structure description");
            if (count > remaining()) {
                throw new DecodeException("structure description of " + count + " elements but " + remaining()
                        + " bytes are left", at);
            }
            List<TypeDescription> elements = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                elements.add(typeDescription(depth + 1));
            }
            return new TypeDescription(type, count, elements);
        }
        return new TypeDescription(type, 0, List.of());
    }

    private DlmsData compactArray(int depth, int at) {
        TypeDescription description = typeDescription(depth + 1);
        int contentAt = offset();
        byte[] contents = octetString("compact-array contents");
        long min = minSize(description);
        long values = valueCount(description);
        // elements of no encoded size (null-data) would let a few bytes describe billions of values
        long total = values * (min == 0 ? 1 : Math.max(1, contents.length / min));
        if (min > contents.length || total > (long) contents.length + MAX_EMPTY_ELEMENTS) {
            throw new DecodeException("compact-array description of " + values + " values does not fit its "
                    + contents.length + " content bytes", at);
        }
        AxdrReader inner = new AxdrReader(contents, 0, contents.length, base + pos - contents.length);
        List<DlmsData> items = new ArrayList<>();
        if (min == 0) {
            items.add(inner.described(description, depth + 1));
        } else {
            while (inner.hasRemaining()) {
                items.add(inner.described(description, depth + 1));
            }
        }
        if (inner.hasRemaining()) {
            throw new DecodeException("compact-array contents have " + inner.remaining() + " bytes left over", contentAt);
        }
        return new DlmsData(DataType.COMPACT_ARRAY, items);
    }

    /** The least number of content bytes one element of this description takes. */
    private static long minSize(TypeDescription d) {
        return switch (d.type()) {
            case ARRAY -> Math.min(1L << 32, d.count() * minSize(d.elements().get(0)));
            case STRUCTURE -> d.elements().stream().mapToLong(AxdrReader::minSize).sum();
            case BIT_STRING, OCTET_STRING, VISIBLE_STRING, UTF8_STRING -> 1;
            default -> Math.max(0, d.type().fixedLength());
        };
    }

    /** How many simple values one element of this description holds. */
    private static long valueCount(TypeDescription d) {
        return switch (d.type()) {
            case ARRAY -> Math.min(1L << 32, d.count() * valueCount(d.elements().get(0)));
            case STRUCTURE -> Math.min(1L << 32, d.elements().stream().mapToLong(AxdrReader::valueCount).sum());
            default -> 1;
        };
    }

    private DlmsData described(TypeDescription d, int depth) {
        if (depth > MAX_DEPTH) {
            throw new DecodeException("compact-array nested deeper than " + MAX_DEPTH, offset());
        }
        if (d.type() == DataType.ARRAY) {
            List<DlmsData> items = new ArrayList<>(Math.min(d.count(), MAX_EMPTY_ELEMENTS));
            for (int i = 0; i < d.count(); i++) {
                items.add(described(d.elements().get(0), depth + 1));
            }
            return new DlmsData(DataType.ARRAY, items);
        }
        if (d.type() == DataType.STRUCTURE) {
            List<DlmsData> items = new ArrayList<>(d.count());
            for (TypeDescription e : d.elements()) {
                items.add(described(e, depth + 1));
            }
            return new DlmsData(DataType.STRUCTURE, items);
        }
        return content(d.type(), depth);
    }
}
