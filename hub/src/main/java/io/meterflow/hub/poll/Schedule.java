package io.meterflow.hub.poll;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.quartz.CronExpression;

/**
 * When a meter is read, in the meter's own time zone: {@code every 15m}, {@code every 1h offset 7m},
 * {@code every 1d offset 2h30m} (intervals counted from local midnight, so "every 1d offset 2h" is
 * 02:00 local every day, across daylight-saving changes), or a Quartz cron expression such as
 * {@code 0 0/15 * * * ?}.
 */
public final class Schedule {

    private static final Pattern EVERY = Pattern.compile("every\\s+(\\S+)(?:\\s+offset\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

    private final Duration interval;
    private final Duration offset;
    private final String cron;

    private Schedule(Duration interval, Duration offset, String cron) {
        this.interval = interval;
        this.offset = offset;
        this.cron = cron;
    }

    /** @throws IllegalArgumentException saying what is wrong with the text */
    public static Schedule parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = EVERY.matcher(t);
        if (m.matches()) {
            Duration interval = duration(m.group(1));
            Duration offset = m.group(2) == null ? Duration.ZERO : duration(m.group(2));
            if (interval.compareTo(Duration.ofMinutes(1)) < 0 || interval.compareTo(Duration.ofDays(31)) > 0) {
                throw new IllegalArgumentException("the interval must be between 1m and 31d, was " + m.group(1));
            }
            if (offset.compareTo(interval) >= 0) {
                throw new IllegalArgumentException("the offset must be shorter than the interval");
            }
            return new Schedule(interval, offset, null);
        }
        if (!CronExpression.isValidExpression(t)) {
            throw new IllegalArgumentException("'" + t + "' is neither 'every <interval> [offset <time>]' (e.g. every 15m offset 2m)"
                    + " nor a Quartz cron expression (e.g. 0 0/15 * * * ?)");
        }
        return new Schedule(null, null, t);
    }

    /** The first read time strictly after {@code after}. */
    public Instant next(Instant after, ZoneId zone) {
        if (cron != null) {
            try {
                CronExpression c = new CronExpression(cron);
                c.setTimeZone(TimeZone.getTimeZone(zone));
                Date d = c.getNextValidTimeAfter(Date.from(after));
                if (d == null) {
                    throw new IllegalStateException("the cron expression '" + cron + "' fires no more");
                }
                return d.toInstant();
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        java.time.LocalDate date = after.atZone(zone).toLocalDate().minusDays(1);
        if (interval.compareTo(Duration.ofDays(1)) >= 0) {
            // Every n days at local midnight plus the offset, days counted from 1970-01-01.
            long days = interval.toDays();
            while (true) {
                if (Math.floorMod(date.toEpochDay(), days) == 0) {
                    Instant t = date.atStartOfDay(zone).plus(offset).toInstant();
                    if (t.isAfter(after)) {
                        return t;
                    }
                }
                date = date.plusDays(1);
            }
        }
        // Slots from local midnight plus the offset, every interval, within each local day.
        while (true) {
            Instant start = date.atStartOfDay(zone).plus(offset).toInstant();
            Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
            long k = after.isBefore(start) ? 0 : Duration.between(start, after).dividedBy(interval) + 1;
            Instant t = start.plus(interval.multipliedBy(k));
            if (t.isBefore(end) && t.isAfter(after)) {
                return t;
            }
            date = date.plusDays(1);
        }
    }

    private static Duration duration(String s) {
        Matcher m = PART.matcher(s.toLowerCase());
        Duration d = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            end = m.end();
        }
        if (end != s.length() || end == 0) {
            throw new IllegalArgumentException("'" + s + "' is not a duration such as 15m, 1h30m or 1d");
        }
        return d;
    }
}
