package io.meterflow.iec62056.readout;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The time formats meters write into data sets.
 *
 * <ul>
 *   <li>DSMR / IEC 62056-21 "TST": {@code YYMMDDhhmmssX}, X = {@code S} (summer time) or
 *       {@code W} (winter time). The flag fixes the offset: the zone's standard offset for W, one
 *       hour more for S, so that the hour repeated when clocks go back is still unambiguous. With
 *       Europe/Amsterdam or Brussels that is +01:00 for W and +02:00 for S.</li>
 *   <li>IEC profile headers: {@code ZYYMMDDhhmmss}, Z = 0 normal time, 1 summer time, 2 UTC.</li>
 *   <li>{@code YYMMDDhhmmss} without a flag: local time in the meter's zone.</li>
 *   <li>0.9.1 time {@code hhmmss} or {@code hh:mm:ss}, 0.9.2 date {@code YYMMDD} or
 *       {@code YY-MM-DD}.</li>
 * </ul>
 */
public final class MeterTimes {

    /** A moment the meter wrote, and whether it said it was on summer time then. */
    public record Stamp(Instant instant, boolean summer) {
    }

    private MeterTimes() {
    }

    /** True if the value has the shape of a flagged time stamp ({@code YYMMDDhhmmssS/W}). */
    public static boolean isFlagged(String v) {
        return v.length() == 13 && Values.isDigits(v, 0, 12) && (v.charAt(12) == 'S' || v.charAt(12) == 'W');
    }

    /**
     * Reads {@code YYMMDDhhmmss[S|W]} or {@code ZYYMMDDhhmmss}; null if the value is not such a
     * time or names an impossible date (meters write e.g. {@code 000000000000W} for "none").
     */
    public static Stamp parse(String v, ZoneId zone) {
        try {
            if (isFlagged(v)) {
                return resolve(dateTime(v, 0), zone, v.charAt(12) == 'S');
            }
            if (v.length() == 13 && Values.isDigits(v, 0, 13)) {
                LocalDateTime local = dateTime(v, 1);
                switch (v.charAt(0)) {
                    case '0': return resolve(local, zone, false);
                    case '1': return resolve(local, zone, true);
                    case '2': return new Stamp(local.toInstant(ZoneOffset.UTC), false);
                    default: return null;
                }
            }
            if (v.length() == 12 && Values.isDigits(v, 0, 12)) {
                LocalDateTime local = dateTime(v, 0);
                return new Stamp(local.atZone(zone).toInstant(), zone.getRules().isDaylightSavings(local.atZone(zone).toInstant()));
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    /** A 0.9.2 date, {@code YYMMDD} or {@code YY-MM-DD}; null if it is neither. */
    public static LocalDate date(String v) {
        String digits = v.replace("-", "").replace("/", "");
        if (digits.length() == 7 && Values.isDigits(digits, 0, 7)) {
            digits = digits.substring(1); // a leading day-of-week or century digit
        }
        if (digits.length() != 6 || !Values.isDigits(digits, 0, 6)) {
            return null;
        }
        try {
            return LocalDate.of(2000 + num(digits, 0), num(digits, 2), num(digits, 4));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A 0.9.1 time, {@code hhmmss} or {@code hh:mm:ss}; null if it is neither. */
    public static LocalTime time(String v) {
        String digits = v.replace(":", "");
        if (digits.length() != 6 || !Values.isDigits(digits, 0, 6)) {
            return null;
        }
        try {
            return LocalTime.of(num(digits, 0), num(digits, 2), num(digits, 4));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static LocalDateTime dateTime(String v, int at) {
        return LocalDateTime.of(2000 + num(v, at), num(v, at + 2), num(v, at + 4),
                num(v, at + 6), num(v, at + 8), num(v, at + 10));
    }

    /**
     * The flag picks the offset where the zone's calendar allows two (the hour repeated in
     * autumn). Where the calendar allows one, the calendar wins: Fluvius meters write the current
     * season's flag on archived monthly entries (S on a date in March), and reading those as
     * summer time would shift them by an hour.
     */
    private static Stamp resolve(LocalDateTime local, ZoneId zone, boolean summer) {
        ZonedDateTime zoned = ZonedDateTime.ofLocal(local, zone, offset(zone, local, summer));
        Instant instant = zoned.toInstant();
        return new Stamp(instant, zone.getRules().isDaylightSavings(instant));
    }

    private static ZoneOffset offset(ZoneId zone, LocalDateTime local, boolean summer) {
        ZoneOffset standard = zone.getRules().getStandardOffset(local.atZone(zone).toInstant());
        return summer ? ZoneOffset.ofTotalSeconds(standard.getTotalSeconds() + 3600) : standard;
    }

    private static int num(String s, int at) {
        return (s.charAt(at) - '0') * 10 + (s.charAt(at + 1) - '0');
    }
}
