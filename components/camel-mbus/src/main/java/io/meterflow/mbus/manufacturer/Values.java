package io.meterflow.mbus.manufacturer;

import io.meterflow.model.DecodeException;
import io.meterflow.model.Quality;
import io.meterflow.model.Reading;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;

/** Small helpers shared by the manufacturer decoders: bounds-checked byte reads and readings. */
final class Values {

    private Values() {
    }

    static void need(int at, int length, int to, String what) {
        if (at < 0 || at + length > to) {
            throw new DecodeException("manufacturer data too short for the " + what, Math.max(0, Math.min(at, to)));
        }
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    /** Little-endian unsigned integer of n bytes (n at most 7). */
    static long uint(byte[] b, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }

    static int int16(byte[] b, int at) {
        return (short) uint(b, at, 2);
    }

    /** Little-endian BCD of n bytes, or -1 if a digit is not 0-9. */
    static long bcd(byte[] b, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            int hi = (b[at + i] >> 4) & 0x0F;
            int lo = b[at + i] & 0x0F;
            if (hi > 9 || lo > 9) {
                return -1;
            }
            v = v * 100 + hi * 10 + lo;
        }
        return v;
    }

    /** EN 13757-3 type G date (2 bytes), or null if unset (all ones) or not a date. */
    static Instant dateG(byte[] b, int at) {
        int d = b[at] & 0xFF;
        int m = b[at + 1] & 0xFF;
        if (d == 0xFF && m == 0xFF) {
            return null;
        }
        int year = ((d & 0xE0) >> 5) | ((m & 0xF0) >> 1);
        try {
            return LocalDate.of(year <= 80 ? 2000 + year : 1900 + year, m & 0x0F, d & 0x1F)
                    .atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    static Reading reading(String device, String quantity, BigDecimal value, Unit unit, Instant at, String description) {
        BigDecimal v = value.scale() < 0 ? value.setScale(0) : value;
        return new Reading("mfr/" + device + "/" + quantity, v, unit, at, EnumSet.noneOf(Quality.class), description);
    }
}
