package io.meterflow.mbus.manufacturer;

import io.meterflow.mbus.codec.DataRecord;

/** The unscaled value of a record's data field, read again from the frame. */
final class Raw {

    private static final int[] LENGTHS = {0, 1, 2, 3, 4, 4, 6, 8, 0, 1, 2, 3, 4, -1, 6, -1};

    private Raw() {
    }

    /** Integer (signed) or BCD data fields as a number; null for other types or an invalid BCD. */
    static Long integer(byte[] b, DataRecord r) {
        int df = r.dataField();
        int n = LENGTHS[df];
        if (n <= 0 || df == 5 || df == 7 || r.dataOffset() + n > b.length || r.dataEnd() - r.dataOffset() != n) {
            return null;
        }
        if (df >= 9) {
            long v = Values.bcd(b, r.dataOffset(), n);
            return v < 0 ? null : v;
        }
        long v = Values.uint(b, r.dataOffset(), n);
        long sign = 1L << (8 * n - 1);
        return (v & sign) != 0 ? v - (sign << 1) : v;
    }

    /** A real32 data field, or null. */
    static Float real(byte[] b, DataRecord r) {
        if (r.dataField() != 5 || r.dataOffset() + 4 > b.length) {
            return null;
        }
        float f = Float.intBitsToFloat((int) Values.uint(b, r.dataOffset(), 4));
        return Float.isFinite(f) ? f : null;
    }
}
