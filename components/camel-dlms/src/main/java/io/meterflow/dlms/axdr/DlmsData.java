package io.meterflow.dlms.axdr;

import io.meterflow.model.DecodeException;
import io.meterflow.model.ObisCode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One value of the DLMS/COSEM {@code Data} CHOICE.
 *
 * <p>The Java value by type: null for null-data and dont-care; {@link Boolean}; {@link Long} for
 * every integer type except long64-unsigned ({@link BigInteger}); {@link Float}; {@link Double};
 * {@code byte[]} for octet-string; {@link String} for visible- and utf8-string; {@link BitString};
 * {@link CosemDateTime} for date-time, date and time (absent parts "not specified");
 * {@code List<DlmsData>} for array, structure and compact-array.
 */
public record DlmsData(DataType type, Object value) {

    public static final DlmsData NULL = new DlmsData(DataType.NULL_DATA, null);

    public DlmsData {
        Objects.requireNonNull(type, "type");
        if (value instanceof byte[] bytes) {
            value = bytes.clone();
        } else if (value instanceof List<?> list) {
            value = List.copyOf(list);
        }
    }

    public static DlmsData structure(DlmsData... items) {
        return new DlmsData(DataType.STRUCTURE, List.of(items));
    }

    public static DlmsData structure(List<DlmsData> items) {
        return new DlmsData(DataType.STRUCTURE, items);
    }

    public static DlmsData array(List<DlmsData> items) {
        return new DlmsData(DataType.ARRAY, items);
    }

    public static DlmsData octets(byte[] bytes) {
        return new DlmsData(DataType.OCTET_STRING, bytes);
    }

    public static DlmsData visible(String s) {
        return new DlmsData(DataType.VISIBLE_STRING, s);
    }

    public static DlmsData integer(DataType type, long v) {
        if (!type.isInteger() || type == DataType.LONG64_UNSIGNED) {
            return new DlmsData(type, type == DataType.LONG64_UNSIGNED ? BigInteger.valueOf(v) : v);
        }
        return new DlmsData(type, v);
    }

    public static DlmsData obis(ObisCode code) {
        return octets(code.toBytes());
    }

    public static DlmsData dateTime(CosemDateTime t) {
        return octets(t.encode());
    }

    public boolean isNumeric() {
        return type.isInteger() || type == DataType.FLOAT32 || type == DataType.FLOAT64;
    }

    public boolean isList() {
        return value instanceof List<?>;
    }

    @SuppressWarnings("unchecked")
    public List<DlmsData> items() {
        if (value instanceof List<?> list) {
            return (List<DlmsData>) list;
        }
        throw new DecodeException("expected array or structure but found " + type);
    }

    public byte[] bytes() {
        if (value instanceof byte[] b) {
            return b.clone();
        }
        throw new DecodeException("expected octet-string but found " + type);
    }

    /** The value as an exact decimal; floats through their shortest decimal text. */
    public BigDecimal decimal() {
        if (value instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (value instanceof BigInteger bi) {
            return new BigDecimal(bi);
        }
        if (value instanceof Float f && Float.isFinite(f)) {
            return new BigDecimal(Float.toString(f));
        }
        if (value instanceof Double d && Double.isFinite(d)) {
            return new BigDecimal(Double.toString(d));
        }
        throw new DecodeException("expected a number but found " + type + " " + this);
    }

    public long longValue() {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof BigInteger bi) {
            return bi.longValue();
        }
        throw new DecodeException("expected an integer but found " + type);
    }

    /** True for an octet-string of 6 bytes, the form of a logical name. */
    public boolean looksLikeObis() {
        return type == DataType.OCTET_STRING && ((byte[]) value).length == 6;
    }

    /** True for an octet-string of 12 bytes, the form of a date-time inside octet-strings. */
    public boolean looksLikeDateTime() {
        return type == DataType.OCTET_STRING && ((byte[]) value).length == 12;
    }

    public ObisCode obis() {
        return ObisCode.fromBytes(bytes());
    }

    /** Text of a string value; an octet-string of printable ASCII is read as text too. */
    public String text() {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof byte[] b) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        return String.valueOf(value);
    }

    /** True for visible- or utf8-string, or an octet-string of printable ASCII. */
    public boolean isText() {
        if (type == DataType.VISIBLE_STRING || type == DataType.UTF8_STRING) {
            return true;
        }
        if (value instanceof byte[] b && b.length > 0) {
            for (byte x : b) {
                if (x < 0x20 || x > 0x7E) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DlmsData other) || type != other.type) {
            return false;
        }
        if (value instanceof byte[] a && other.value instanceof byte[] b) {
            return Arrays.equals(a, b);
        }
        return Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + (value instanceof byte[] b ? Arrays.hashCode(b) : Objects.hashCode(value));
    }

    @Override
    public String toString() {
        String v;
        if (value instanceof byte[] b) {
            v = Hex.of(b);
        } else {
            v = String.valueOf(value);
        }
        return type.label() + ":" + v;
    }
}
