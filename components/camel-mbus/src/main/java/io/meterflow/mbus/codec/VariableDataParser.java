package io.meterflow.mbus.codec;

import io.meterflow.model.DecodeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the data records of an EN 13757-3 variable data structure (the part after the transport
 * header), written from the standard. Bounded by construction: at most 10 DIFEs and 10 VIFEs per
 * record, and every length is checked against the bytes left before it is used.
 */
public final class VariableDataParser {

    static final int MAX_EXTENSIONS = 10;
    private static final int[] LENGTHS = {0, 1, 2, 3, 4, 4, 6, 8, 0, 1, 2, 3, 4, -1, 6, -1};

    private VariableDataParser() {
    }

    /** The records, and whether the meter said more records follow in another telegram. */
    public record Result(List<DataRecord> records, boolean moreFollows, DecodeException stoppedAt) {
        Result(List<DataRecord> records, boolean moreFollows) {
            this(records, moreFollows, null);
        }
    }

    /**
     * @param data the frame
     * @param from first byte of the data records
     * @param to   end of the data records (exclusive)
     */
    public static Result parse(byte[] data, int from, int to) {
        ByteCursor in = new ByteCursor(data, from, to, 0);
        List<DataRecord> records = new ArrayList<>();
        boolean more = false;
        while (in.hasMore()) {
            int offset = in.offset();
            int dif = in.next("DIF");
            if (dif == 0x2F) {
                continue; // idle filler
            }
            if (dif == 0x0F || dif == 0x1F) {
                more = dif == 0x1F;
                byte[] rest = in.rest();
                // Kept even when empty: the DIF itself tells that manufacturer data was announced.
                records.add(new DataRecord(offset, 0x0F, 0, 0, 0, 0, "", null,
                        new ValueInformation("Manufacturer specific data", io.meterflow.model.Unit.NONE, 0,
                                BigDecimal.ONE, ValueInformation.Kind.MANUFACTURER),
                        null, null, null, false, false, rest, offset + 1, in.offset()));
                break;
            }
            if ((dif & 0x0F) == 0x0F) {
                // 0x3F..0x6F are reserved, 0x7F is a readout request: nothing after it is a record.
                records.add(new DataRecord(offset, 0x0F, 0, 0, 0, 0, "", null,
                        new ValueInformation("Unparsed data after reserved DIF " + String.format("%02X", dif),
                                io.meterflow.model.Unit.NONE, 0, BigDecimal.ONE, ValueInformation.Kind.MANUFACTURER),
                        null, null, null, false, false, in.rest(), offset + 1, in.offset()));
                break;
            }
            try {
                records.add(record(in, dif, offset));
            } catch (DecodeException e) {
                if (records.isEmpty()) {
                    throw e;
                }
                // A record cut short: keep the records before it, as a meter's partial answer is
                // still worth storing, and say where decoding stopped.
                return new Result(records, more, e);
            }
        }
        return new Result(records, more);
    }

    private static DataRecord record(ByteCursor in, int dif, int offset) {
        int dataField = dif & 0x0F;
        int function = (dif >> 4) & 0x03;
        long storage = (dif >> 6) & 0x01;
        int tariff = 0;
        int subunit = 0;
        int ext = dif;
        for (int i = 0; (ext & 0x80) != 0; i++) {
            if (i == MAX_EXTENSIONS) {
                throw new DecodeException("more than " + MAX_EXTENSIONS + " DIFEs", in.offset());
            }
            ext = in.next("DIFE");
            storage |= (long) (ext & 0x0F) << (1 + 4 * i);
            tariff |= ((ext >> 4) & 0x03) << (2 * i);
            subunit |= ((ext >> 6) & 0x01) << i;
        }
        StringBuilder vifHex = new StringBuilder();
        int vif = in.next("VIF");
        appendHex(vifHex, vif);
        ValueInformation info;
        int last = vif;
        boolean plainText = (vif & 0x7F) == 0x7C;
        if ((vif & 0x7F) == 0x7B || (vif & 0x7F) == 0x7D) {
            if ((vif & 0x80) == 0) {
                throw new DecodeException("VIF 0x" + Integer.toHexString(vif) + " needs an extension byte", in.offset() - 1);
            }
            int table = in.next("VIFE");
            appendHex(vifHex, table);
            info = (vif & 0x7F) == 0x7B ? VifTable.extensionFb(table) : VifTable.extensionFd(table);
            last = table;
        } else {
            info = plainText ? ValueInformation.plain("") : VifTable.primary(vif & 0x7F);
        }
        String plainTextVif = null;
        if (plainText) {
            // The unit text follows the VIF directly; VIFEs (if the VIF is 0xFC) come after it.
            int length = in.next("plain-text VIF length");
            plainTextVif = reversedAscii(in.take(length, "plain-text VIF"));
            info = info.withDescription(plainTextVif);
        }
        boolean manufacturerVife = false;
        for (int i = 0; (last & 0x80) != 0; i++) {
            if (i == MAX_EXTENSIONS) {
                throw new DecodeException("more than " + MAX_EXTENSIONS + " VIFEs", in.offset());
            }
            last = in.next("VIFE");
            appendHex(vifHex, last);
            if (!manufacturerVife) {
                info = VifTable.combine(info, last);
            }
            // After 0xFF the remaining VIFEs are the manufacturer's own.
            manufacturerVife |= last == 0xFF;
        }
        return value(in, offset, dataField, function, storage, tariff, subunit, vifHex.toString(), plainTextVif, info);
    }

    private static DataRecord value(ByteCursor in, int offset, int dataField, int function, long storage,
                                    int tariff, int subunit, String vifHex, String plainTextVif,
                                    ValueInformation info) {
        int dataOffset = in.offset();
        BigDecimal number = null;
        String text = null;
        LocalDateTime time = null;
        boolean invalid = false;
        boolean summer = false;
        if (dataField == 0x0D) {
            int lvar = in.next("LVAR");
            if (lvar <= 0xBF) {
                text = reversedAscii(in.take(lvar, "text value"));
            } else if (lvar <= 0xC9 || (lvar >= 0xD0 && lvar <= 0xD9)) {
                number = bcd(in.take(lvar & 0x0F, "BCD value"), lvar >= 0xD0);
                if (number == null) {
                    text = "invalid BCD";
                }
            } else if (lvar >= 0xE0 && lvar <= 0xEF) {
                int[] bytes = in.take(lvar - 0xE0, "binary value");
                if (bytes.length <= 8) {
                    number = integerValue(bytes, true);
                } else {
                    text = spacedHex(reverse(bytes)); // keys, passwords: a byte string, most significant first
                }
            } else if (lvar >= 0xF0 && lvar <= 0xF6) {
                int n = lvar <= 0xF4 ? 4 * (lvar - 0xEC) : (lvar == 0xF5 ? 6 : 8);
                int[] bytes = in.take(n, "binary value");
                if (bytes.length <= 8) {
                    number = integerValue(bytes, true);
                } else {
                    text = spacedHex(reverse(bytes));
                }
            } else {
                throw new DecodeException("reserved LVAR 0x" + Integer.toHexString(lvar), dataOffset);
            }
        } else {
            int[] bytes = in.take(LENGTHS[dataField], "data of the record");
            if (info.kind() == ValueInformation.Kind.TIME_POINT && (dataField == 2 || dataField == 4 || dataField == 6)) {
                try {
                    time = timePoint(bytes);
                    invalid = dataField != 2 && (bytes[dataField == 4 ? 0 : 1] & 0x80) != 0;
                    summer = dataField != 2 && (bytes[dataField == 4 ? 1 : 2] & 0x80) != 0;
                } catch (DateTimeException e) {
                    text = "invalid date " + Hex.encode(toBytes(bytes));
                }
            } else if (dataField == 5) {
                float f = Float.intBitsToFloat((int) integer(bytes, false).longValue());
                if (Float.isFinite(f)) {
                    // The exact binary value: rounding to a shorter decimal would invent digits.
                    number = new BigDecimal(f).stripTrailingZeros();
                } else {
                    text = Float.toString(f);
                }
            } else if (dataField >= 9) {
                number = bcd(bytes, false);
                if (number == null) {
                    // Digits A-F mark an error or an unset value on the display; keep the digits.
                    text = "invalid BCD " + Hex.encode(toBytes(reverse(bytes)));
                }
            } else if (bytes.length > 0) {
                boolean signed = info.kind() != ValueInformation.Kind.IDENTIFIER;
                number = integerValue(bytes, signed);
            }
        }
        if (number != null && info.kind() != ValueInformation.Kind.TIME_POINT) {
            number = number.scaleByPowerOfTen(info.exponent());
            if (info.factor().compareTo(BigDecimal.ONE) != 0) {
                number = number.multiply(info.factor());
            }
            if (number.scale() < 0) {
                number = number.setScale(0);
            }
        }
        return new DataRecord(offset, dataField, function, storage, tariff, subunit, vifHex, plainTextVif, info,
                number, text, time, invalid, summer, null, dataOffset, in.offset());
    }

    /** Types G (date), F (date and time to the minute) and I (to the second) of EN 13757-3 annex A. */
    static LocalDateTime timePoint(int[] b) {
        if (b.length == 2) {
            return LocalDateTime.of(year(b[0], b[1]), b[1] & 0x0F, b[0] & 0x1F, 0, 0);
        }
        if (b.length == 4) {
            return LocalDateTime.of(year(b[2], b[3]), b[3] & 0x0F, b[2] & 0x1F, b[1] & 0x1F, b[0] & 0x3F);
        }
        return LocalDateTime.of(year(b[3], b[4]), b[4] & 0x0F, b[3] & 0x1F, b[2] & 0x1F, b[1] & 0x3F, b[0] & 0x3F);
    }

    private static int year(int dayByte, int monthByte) {
        int y = ((dayByte & 0xE0) >> 5) | ((monthByte & 0xF0) >> 1);
        // Two-digit years: 0..80 are 2000..2080 and 81..99 are 1981..1999, as meters count them.
        return y <= 80 ? 2000 + y : 1900 + y;
    }

    /** Little-endian integer, two's complement when signed. */
    /**
     * A little-endian binary integer as a decimal. Values that fit a long (every type B integer
     * but an unsigned 8-byte one with the top bit set) skip {@link BigInteger}, which was a
     * measurable share of decoding a frame.
     */
    static BigDecimal integerValue(int[] bytes, boolean signed) {
        int n = bytes.length;
        if (n == 0) {
            return BigDecimal.ZERO;
        }
        if (n > 8 || (n == 8 && !signed && (bytes[7] & 0x80) != 0)) {
            return new BigDecimal(integer(bytes, signed));
        }
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (bytes[i] & 0xFF);
        }
        if (signed && n < 8 && (bytes[n - 1] & 0x80) != 0) {
            v -= 1L << (8 * n); // sign-extend
        }
        return BigDecimal.valueOf(v);
    }

    static BigInteger integer(int[] bytes, boolean signed) {
        if (bytes.length == 0) {
            return BigInteger.ZERO;
        }
        byte[] be = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            be[bytes.length - 1 - i] = (byte) bytes[i];
        }
        return signed ? new BigInteger(be) : new BigInteger(1, be);
    }

    /** Little-endian BCD; a top nibble of F means negative (type A). Null if a digit is not 0-9. */
    static BigDecimal bcd(int[] bytes, boolean negative) {
        long value = 0;
        boolean neg = negative;
        for (int i = bytes.length - 1; i >= 0; i--) {
            int hi = bytes[i] >> 4;
            int lo = bytes[i] & 0x0F;
            if (i == bytes.length - 1 && hi == 0x0F) {
                neg = true;
                hi = 0;
            }
            if (hi > 9 || lo > 9) {
                return null;
            }
            value = value * 100 + hi * 10 + lo;
        }
        return BigDecimal.valueOf(neg ? -value : value);
    }

    /**
     * The plain-text unit, sent last character first. Control characters are written as
     * {@code \xNN}: the text becomes part of the register key, which is stored as text (where
     * U+0000 cannot be) and shown to people.
     */
    private static String reversedAscii(int[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        for (int i = bytes.length - 1; i >= 0; i--) {
            int c = bytes[i] & 0xFF;
            if (c < 0x20 || c == 0x7F) {
                out.append("\\x");
                appendHex(out, c);
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    private static String spacedHex(int[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int b : bytes) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            appendHex(sb, b);
        }
        return sb.toString();
    }

    private static int[] reverse(int[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    private static byte[] toBytes(int[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return out;
    }

    private static void appendHex(StringBuilder sb, int b) {
        sb.append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
    }
}
