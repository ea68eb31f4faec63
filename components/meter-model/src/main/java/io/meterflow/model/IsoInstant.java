package io.meterflow.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()} and {@link Instant#parse} without the formatter. {@link #format}
 * writes the same text ({@code 2026-12-05T04:15:00Z}, fractions in groups of three digits)
 * directly: every reading of a batch carries a time, and the JSON of a poll's 100 readings spent
 * a third of its time in the JDK's formatter. Instants outside the years 0000 to 9999 are left to
 * {@code toString}. {@link #parse} reads that form (UTC, 'Z', up to nine fraction digits) directly
 * and leaves every other text to {@code Instant.parse}, so it accepts and refuses exactly what
 * that does.
 */
public final class IsoInstant {

    private static final long MIN_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
    private static final long MAX_SECOND = 253_402_300_800L; // 10000-01-01T00:00:00Z

    private IsoInstant() {
    }

    public static String format(Instant t) {
        long second = t.getEpochSecond();
        if (second < MIN_SECOND || second >= MAX_SECOND) {
            return t.toString();
        }
        long day = Math.floorDiv(second, 86_400L);
        int secondOfDay = (int) Math.floorMod(second, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        int nano = t.getNano();
        char[] out = new char[nano == 0 ? 20 : nano % 1_000_000 == 0 ? 24 : nano % 1000 == 0 ? 27 : 30];
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        if (nano != 0) {
            out[19] = '.';
            int width = out.length - 21;
            int fraction = width == 3 ? nano / 1_000_000 : width == 6 ? nano / 1000 : nano;
            digits(out, 20, fraction, width);
        }
        out[out.length - 1] = 'Z';
        return new String(out);
    }

    /** As {@link Instant#parse}: the common UTC form read directly, anything else by the JDK's parser. */
    public static Instant parse(CharSequence text) {
        Instant common = parseUtc(text);
        return common != null ? common : Instant.parse(text);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with fields in range, or null. */
    private static Instant parseUtc(CharSequence s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = number(s, 11, 2);
        int minute = number(s, 14, 2);
        int second = number(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > java.time.Month.of(month).length(java.time.Year.isLeap(year))) {
            return null; // a leap second, 24:00, a day the month lacks: the JDK's parser decides
        }
        int nano = 0;
        if (n > 20) {
            int width = n - 21;
            if (s.charAt(19) != '.' || width < 1) {
                return null;
            }
            nano = number(s, 20, width);
            if (nano < 0) {
                return null;
            }
            for (int i = width; i < 9; i++) {
                nano *= 10;
            }
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600 + minute * 60 + second, nano);
    }

    /** The decimal number of {@code width} ASCII digits at {@code at}, or -1. */
    private static int number(CharSequence s, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
