package io.meterflow.dlms.axdr;

/** The DLMS/COSEM {@code Data} CHOICE tags (IEC 62056-6-2, Blue Book 4.1.5). */
public enum DataType {
    NULL_DATA(0, 0),
    ARRAY(1, -1),
    STRUCTURE(2, -1),
    BOOLEAN(3, 1),
    BIT_STRING(4, -1),
    DOUBLE_LONG(5, 4),
    DOUBLE_LONG_UNSIGNED(6, 4),
    OCTET_STRING(9, -1),
    VISIBLE_STRING(10, -1),
    UTF8_STRING(12, -1),
    BCD(13, 1),
    INTEGER(15, 1),
    LONG(16, 2),
    UNSIGNED(17, 1),
    LONG_UNSIGNED(18, 2),
    COMPACT_ARRAY(19, -1),
    LONG64(20, 8),
    LONG64_UNSIGNED(21, 8),
    ENUM(22, 1),
    FLOAT32(23, 4),
    FLOAT64(24, 8),
    DATE_TIME(25, 12),
    DATE(26, 5),
    TIME(27, 4),
    DONT_CARE(255, 0);

    private static final DataType[] BY_TAG = new DataType[256];

    static {
        for (DataType t : values()) {
            BY_TAG[t.tag] = t;
        }
    }

    private final int tag;
    private final int fixedLength;
    /** The name as errors give it; made once, as a decoder names the type of every value it reads. */
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    DataType(int tag, int fixedLength) {
        this.tag = tag;
        this.fixedLength = fixedLength;
    }

    /** The type's name in lower case ({@code double-long-unsigned} is {@code double_long_unsigned}). */
    public String label() {
        return label;
    }

    public int tag() {
        return tag;
    }

    /** Encoded size of the content in bytes, or -1 when the content carries its own length. */
    public int fixedLength() {
        return fixedLength;
    }

    /** True for the integer types whose value is a whole number. */
    public boolean isInteger() {
        return switch (this) {
            case DOUBLE_LONG, DOUBLE_LONG_UNSIGNED, INTEGER, LONG, UNSIGNED, LONG_UNSIGNED, LONG64,
                 LONG64_UNSIGNED, ENUM, BCD -> true;
            default -> false;
        };
    }

    /** The type with this tag, or null for a tag the standard does not define. */
    public static DataType ofTag(int tag) {
        return tag < 0 || tag > 255 ? null : BY_TAG[tag];
    }
}
