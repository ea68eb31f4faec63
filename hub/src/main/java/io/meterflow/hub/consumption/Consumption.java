package io.meterflow.hub.consumption;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Consumption per interval from a cumulative register (an energy or volume index).
 *
 * <p>The readings are first made one continuous, rising index: a drop that looks like the
 * counter wrapping (from the top of its digit range to near zero) adds the wrap; any other drop,
 * or a replacement recorded for the meter, starts a new meter whose index continues from where
 * the old one stopped. The index at every interval boundary (local midnight, hour or month start in
 * the meter's time zone) is then read off: exactly when a reading falls on the boundary, by
 * linear interpolation between the readings either side otherwise. An interval whose either
 * boundary was interpolated, or that spans a replacement, is marked estimated; one with no reading
 * on one side of a boundary has no value.
 */
public final class Consumption {

    public enum Interval {
        HOUR, DAY, MONTH;

        public static Interval parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }

        ZonedDateTime floor(ZonedDateTime t) {
            return switch (this) {
                case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
                case DAY -> t.truncatedTo(ChronoUnit.DAYS);
                case MONTH -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            };
        }

        ZonedDateTime next(ZonedDateTime t) {
            // Through local time: a day across a DST change is 23 or 25 hours long, as the meter's customer lives it.
            return switch (this) {
                case HOUR -> t.plusHours(1);
                case DAY -> t.plusDays(1);
                case MONTH -> t.plusMonths(1);
            };
        }
    }

    public record Sample(Instant ts, BigDecimal value) {
    }

    /** One interval; {@code value} is null when the data does not reach both of its boundaries. */
    public record Item(Instant from, Instant to, BigDecimal value, boolean estimated) {
    }

    private record Point(Instant ts, BigDecimal index, boolean afterReplacement) {
    }

    private static final MathContext MC = MathContext.DECIMAL128;

    private Consumption() {
    }

    /** The interval boundaries covering [from, to) in {@code zone}, at most {@code max} intervals. */
    public static List<Instant> boundaries(Instant from, Instant to, Interval interval, ZoneId zone, int max) {
        List<Instant> b = new ArrayList<>();
        ZonedDateTime t = interval.floor(from.atZone(zone));
        while (t.toInstant().isBefore(to) || b.isEmpty()) {
            b.add(t.toInstant());
            if (b.size() > max) {
                throw new IllegalArgumentException("more than " + max + " intervals; choose a larger interval or a shorter range");
            }
            t = interval.next(t);
        }
        b.add(t.toInstant());
        return b;
    }

    /**
     * @param samples      the register's readings in time order (one reading before the first
     *                     boundary and one after the last are needed for the edge intervals)
     * @param replacements times the meter was replaced
     */
    public static List<Item> compute(List<Sample> samples, List<Instant> boundaries, List<Instant> replacements) {
        List<Point> series = continuous(samples, replacements);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i + 1 < boundaries.size(); i++) {
            Instant a = boundaries.get(i);
            Instant b = boundaries.get(i + 1);
            Estimate ea = at(series, a);
            Estimate eb = at(series, b);
            if (ea == null || eb == null) {
                items.add(new Item(a, b, null, true));
                continue;
            }
            boolean replaced = replacements.stream().anyMatch(r -> !r.isBefore(a) && r.isBefore(b))
                    || series.stream().anyMatch(p -> p.afterReplacement && p.ts.isAfter(a) && !p.ts.isAfter(b));
            items.add(new Item(a, b, eb.index.subtract(ea.index).stripTrailingZeros(),
                    ea.interpolated || eb.interpolated || replaced || eb.crossesReplacement));
        }
        return items;
    }

    private record Estimate(BigDecimal index, boolean interpolated, boolean crossesReplacement) {
    }

    private static Estimate at(List<Point> series, Instant t) {
        Point before = null;
        for (Point p : series) {
            if (p.ts.equals(t)) {
                return new Estimate(p.index, false, false);
            }
            if (p.ts.isAfter(t)) {
                if (before == null) {
                    return null;
                }
                BigDecimal span = BigDecimal.valueOf(p.ts.toEpochMilli() - before.ts.toEpochMilli());
                BigDecimal part = BigDecimal.valueOf(t.toEpochMilli() - before.ts.toEpochMilli());
                BigDecimal rise = p.index.subtract(before.index);
                BigDecimal index = before.index.add(rise.multiply(part).divide(span, MC)).setScale(6, RoundingMode.HALF_EVEN);
                return new Estimate(index, true, p.afterReplacement);
            }
            before = p;
        }
        return null;
    }

    private static List<Point> continuous(List<Sample> samples, List<Instant> replacements) {
        NavigableSet<Instant> swaps = new TreeSet<>(replacements);
        List<Point> out = new ArrayList<>();
        BigDecimal offset = BigDecimal.ZERO;
        Sample prev = null;
        for (Sample s : samples) {
            boolean replaced = false;
            if (prev != null) {
                Instant swap = swaps.higher(prev.ts);
                boolean recordedSwap = swap != null && !swap.isAfter(s.ts);
                if (recordedSwap || s.value.compareTo(prev.value) < 0) {
                    BigDecimal wrap = recordedSwap ? null : wrapOf(prev.value, s.value);
                    if (wrap != null) {
                        offset = offset.add(wrap);
                    } else {
                        // A new meter: its index continues where the old one stopped.
                        offset = offset.add(prev.value).subtract(s.value);
                        replaced = true;
                    }
                }
            }
            out.add(new Point(s.ts, s.value.add(offset), replaced));
            prev = s;
        }
        return out;
    }

    /**
     * The counter's wrap value when {@code prev -> next} looks like a rollover: prev in the top
     * tenth of its digit range (e.g. 99 871 of 100 000) and next in the bottom tenth. Null otherwise.
     */
    static BigDecimal wrapOf(BigDecimal prev, BigDecimal next) {
        if (prev.signum() <= 0 || next.signum() < 0) {
            return null;
        }
        int digits = prev.setScale(0, RoundingMode.FLOOR).precision();
        BigDecimal wrap = BigDecimal.TEN.pow(digits);
        BigDecimal tenth = wrap.divide(BigDecimal.TEN);
        boolean nearTop = prev.compareTo(wrap.subtract(tenth)) >= 0;
        boolean nearZero = next.compareTo(tenth) < 0;
        return nearTop && nearZero ? wrap : null;
    }
}
