package io.meterflow.hub.db;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows for {@code COPY table (columns) FROM STDIN (FORMAT binary)}, written as PostgreSQL's
 * manual describes the format (COPY, "Binary Format") and each type's send function writes it.
 *
 * <p>The ingest path writes its rows this way: the database takes each value as it stores it,
 * where an insert of unnested arrays, or COPY's text format, has it parse every number, time
 * stamp and array literal. A row is begun with {@link #row} and given its fields in the
 * statement's column order.
 */
public final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01 UTC. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int TEXT_OID = 25;
    private static final short NUMERIC_POSITIVE = 0x0000;
    private static final short NUMERIC_NEGATIVE = 0x4000;

    private byte[] buf = new byte[8192];
    private int len;
    private int rows;

    public BinaryCopy() {
        bytes(SIGNATURE);
        int32(0); // flags: no OIDs
        int32(0); // no header extension
    }

    /** Begins a row of {@code fields} fields. */
    public BinaryCopy row(int fields) {
        int16(fields);
        rows++;
        return this;
    }

    public int rows() {
        return rows;
    }

    public BinaryCopy nul() {
        int32(-1);
        return this;
    }

    /** A bigint. */
    public BinaryCopy int8(long v) {
        int32(8);
        int64(v);
        return this;
    }

    /** A bigint, or null. */
    public BinaryCopy int8(Long v) {
        return v == null ? nul() : int8(v.longValue());
    }

    /** An integer, or null. */
    public BinaryCopy int4(Integer v) {
        if (v == null) {
            return nul();
        }
        int32(4);
        int32(v);
        return this;
    }

    /** A text, or null. */
    public BinaryCopy text(String v) {
        return v == null ? nul() : bytea(v.getBytes(StandardCharsets.UTF_8));
    }

    /** A bytea (or a text already in UTF-8), or null. */
    public BinaryCopy bytea(byte[] v) {
        if (v == null) {
            return nul();
        }
        int32(v.length);
        bytes(v);
        return this;
    }

    /** A timestamptz, given in microseconds since the Unix epoch. */
    public BinaryCopy timestamptz(long unixMicros) {
        return int8(unixMicros - POSTGRES_EPOCH_MICROS);
    }

    /**
     * A numeric as numeric_send writes it: digits in base 10 000 (groups of four decimal digits
     * counted from the point), the weight of the first, the sign, and the display scale, which is
     * the BigDecimal's scale, so that "1.50" is stored as "1.50".
     */
    public BinaryCopy numeric(BigDecimal v) {
        int scale = v.scale();
        String digits = v.unscaledValue().abs().toString();
        if (scale < 0) {
            digits = digits + "0".repeat(-scale);
            scale = 0;
        }
        int intDigits = digits.length() - scale;
        StringBuilder padded = new StringBuilder(digits.length() + 8);
        int groupsBeforePoint;
        if (intDigits > 0) {
            // Zeros before the number, to whole groups before the point.
            int leftPad = Math.floorMod(-intDigits, 4);
            padded.append("0".repeat(leftPad)).append(digits);
            groupsBeforePoint = (intDigits + leftPad) / 4;
        } else {
            // 0.00xyz: the fraction's leading zeros are digits of the groups after the point.
            padded.append("0".repeat(-intDigits)).append(digits);
            groupsBeforePoint = 0;
        }
        padded.append("0".repeat(Math.floorMod(-scale, 4))); // zeros after, to whole groups
        int groups = padded.length() / 4;
        int[] base10000 = new int[groups];
        for (int g = 0; g < groups; g++) {
            int d = 0;
            for (int i = 0; i < 4; i++) {
                d = d * 10 + (padded.charAt(g * 4 + i) - '0');
            }
            base10000[g] = d;
        }
        int first = 0;
        while (first < groups && base10000[first] == 0) {
            first++;
        }
        int end = groups;
        while (end > first && base10000[end - 1] == 0) {
            end--;
        }
        int ndigits = end - first;
        int32(8 + 2 * ndigits);
        int16(ndigits);
        int16(ndigits == 0 ? 0 : groupsBeforePoint - 1 - first);
        int16(ndigits == 0 || v.signum() >= 0 ? NUMERIC_POSITIVE : NUMERIC_NEGATIVE);
        int16(scale);
        for (int g = first; g < end; g++) {
            int16(base10000[g]);
        }
        return this;
    }

    /** A one-dimensional text[] without null elements, as array_send writes it; or null. */
    public BinaryCopy textArray(String[] elements) {
        if (elements == null) {
            return nul();
        }
        byte[][] encoded = new byte[elements.length][];
        int size = 20;
        for (int i = 0; i < elements.length; i++) {
            encoded[i] = elements[i].getBytes(StandardCharsets.UTF_8);
            size += 4 + encoded[i].length;
        }
        int32(size);
        int32(1); // dimensions
        int32(0); // no null elements
        int32(TEXT_OID);
        int32(elements.length);
        int32(1); // lower bound
        for (byte[] e : encoded) {
            int32(e.length);
            bytes(e);
        }
        return this;
    }

    /**
     * Ends the rows and copies them in, on {@code c} in its transaction, with
     * {@code COPY table columns FROM STDIN (FORMAT binary)}; returns how many rows it wrote.
     */
    public long copyInto(Connection c, String table, String columns) throws SQLException {
        int16(-1); // the trailer
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " " + columns + " FROM STDIN (FORMAT binary)");
        try {
            copy.writeToCopy(buf, 0, len);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private void room(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    private void bytes(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void int16(int v) {
        room(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void int32(int v) {
        room(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void int64(long v) {
        int32((int) (v >>> 32));
        int32((int) v);
    }
}
