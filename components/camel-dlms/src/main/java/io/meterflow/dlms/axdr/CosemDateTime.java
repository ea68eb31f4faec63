package io.meterflow.dlms.axdr;

import io.meterflow.model.DecodeException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * COSEM date-time (Blue Book 4.1.6.1): 12 bytes year(2) month day day-of-week hour minute second
 * hundredths deviation(2) clock-status. Each field may be "not specified" (0xFF, 0xFFFF for year,
 * 0x8000 for deviation), so the raw fields are kept and conversions say when they cannot be made.
 *
 * <p>The deviation is "local time to UTC" in minutes as the Blue Book defines it: UTC = local +
 * deviation. A meter in CET sends -60; the ISO offset is therefore the negated deviation.
 */
public record CosemDateTime(int year, int month, int dayOfMonth, int dayOfWeek, int hour, int minute,
                            int second, int hundredths, int deviation, int clockStatus) {

    public static final int NOT_SPECIFIED = 0xFF;
    public static final int YEAR_NOT_SPECIFIED = 0xFFFF;
    public static final int DEVIATION_NOT_SPECIFIED = 0x8000;

    /** Clock status bits (Blue Book 4.1.6.1). */
    public static final int STATUS_INVALID_VALUE = 0x01;
    public static final int STATUS_DOUBTFUL_VALUE = 0x02;
    public static final int STATUS_DIFFERENT_CLOCK_BASE = 0x04;
    public static final int STATUS_INVALID_CLOCK_STATUS = 0x08;
    public static final int STATUS_DAYLIGHT_SAVING_ACTIVE = 0x80;

    /** Reads the 12-byte form at {@code offset}; {@code where} is the offset reported in errors. */
    public static CosemDateTime decode(byte[] b, int offset, int where) {
        if (b.length - offset < 12) {
            throw new DecodeException("date-time needs 12 bytes, " + (b.length - offset) + " left", where);
        }
        int year = ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
        int deviation = (short) (((b[offset + 9] & 0xFF) << 8) | (b[offset + 10] & 0xFF));
        int devRaw = ((b[offset + 9] & 0xFF) << 8) | (b[offset + 10] & 0xFF);
        return new CosemDateTime(year, b[offset + 2] & 0xFF, b[offset + 3] & 0xFF, b[offset + 4] & 0xFF,
                b[offset + 5] & 0xFF, b[offset + 6] & 0xFF, b[offset + 7] & 0xFF, b[offset + 8] & 0xFF,
                devRaw == DEVIATION_NOT_SPECIFIED ? DEVIATION_NOT_SPECIFIED : deviation, b[offset + 11] & 0xFF);
    }

    /** A fully specified date-time at the given offset from UTC, clock status 0. */
    public static CosemDateTime of(OffsetDateTime t) {
        return new CosemDateTime(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getDayOfWeek().getValue(),
                t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 10_000_000,
                -t.getOffset().getTotalSeconds() / 60, 0);
    }

    /** A date-time with unspecified deviation (local wall-clock time), clock status 0. */
    public static CosemDateTime ofLocal(LocalDateTime t) {
        return new CosemDateTime(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getDayOfWeek().getValue(),
                t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 10_000_000, DEVIATION_NOT_SPECIFIED, 0);
    }

    public byte[] encode() {
        int dev = deviation == DEVIATION_NOT_SPECIFIED ? DEVIATION_NOT_SPECIFIED : deviation & 0xFFFF;
        return new byte[] {(byte) (year >> 8), (byte) year, (byte) month, (byte) dayOfMonth, (byte) dayOfWeek,
                (byte) hour, (byte) minute, (byte) second, (byte) hundredths, (byte) (dev >> 8), (byte) dev,
                (byte) clockStatus};
    }

    public boolean hasDeviation() {
        return deviation != DEVIATION_NOT_SPECIFIED;
    }

    public boolean hasClockStatus() {
        return clockStatus != NOT_SPECIFIED;
    }

    /** True when every date and time field is given (wildcards and DST markers are not). */
    public boolean isComplete() {
        return year != YEAR_NOT_SPECIFIED && month >= 1 && month <= 12 && dayOfMonth >= 1 && dayOfMonth <= 31
                && hour <= 23 && minute <= 59 && second <= 59;
    }

    /** True when every field is "not specified": meters send this for "no time". */
    public boolean isUnspecified() {
        return year == YEAR_NOT_SPECIFIED && month == NOT_SPECIFIED && dayOfMonth == NOT_SPECIFIED
                && hour == NOT_SPECIFIED;
    }

    public boolean daylightSaving() {
        return hasClockStatus() && (clockStatus & STATUS_DAYLIGHT_SAVING_ACTIVE) != 0;
    }

    /** True when the meter says its clock is invalid or doubtful. */
    public boolean clockInvalid() {
        return hasClockStatus() && (clockStatus & (STATUS_INVALID_VALUE | STATUS_DOUBTFUL_VALUE)) != 0;
    }

    /** The wall-clock time the meter wrote, without offset. */
    public LocalDateTime toLocalDateTime() {
        if (!isComplete()) {
            throw new DateTimeException("date-time " + this + " is not fully specified");
        }
        int nanos = hundredths == NOT_SPECIFIED || hundredths > 99 ? 0 : hundredths * 10_000_000;
        return LocalDateTime.of(year, month, dayOfMonth, hour, minute, second, nanos);
    }

    /** The ISO offset, when the meter sent a deviation. */
    public ZoneOffset offset() {
        if (!hasDeviation()) {
            throw new DateTimeException("date-time has no deviation");
        }
        return ZoneOffset.ofTotalSeconds(-deviation * 60);
    }

    /**
     * The instant: by the meter's deviation when it sent one, otherwise as wall-clock time in
     * {@code zoneWithoutDeviation} (the meter's configured time zone).
     */
    public Instant toInstant(ZoneId zoneWithoutDeviation) {
        LocalDateTime local = toLocalDateTime();
        if (hasDeviation() && deviation >= -900 && deviation <= 900) {
            return local.toInstant(offset());
        }
        return local.atZone(zoneWithoutDeviation).toInstant();
    }

    @Override
    public String toString() {
        return String.format("%04d-%02d-%02d(%d) %02d:%02d:%02d.%02d dev=%s status=%02X", year, month, dayOfMonth,
                dayOfWeek, hour, minute, second, hundredths,
                hasDeviation() ? String.valueOf(deviation) : "none", clockStatus);
    }
}
