package io.meterflow.hub.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConsumptionTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private static Consumption.Sample s(String ts, String v) {
        return new Consumption.Sample(Instant.parse(ts), new BigDecimal(v));
    }

    private static List<Consumption.Item> daily(List<Consumption.Sample> samples, String from, String to, List<Instant> swaps) {
        List<Instant> b = Consumption.boundaries(Instant.parse(from), Instant.parse(to), Consumption.Interval.DAY, OSLO, 1000);
        return Consumption.compute(samples, b, swaps);
    }

    @Test
    void daysFollowTheMetersTimeZoneAndReadingsOnBoundariesAreExact() {
        // Oslo midnight is 23:00Z in winter.
        List<Consumption.Item> items = daily(List.of(
                s("2026-11-30T23:00:00Z", "1000"), s("2026-12-01T23:00:00Z", "1010.5"), s("2026-12-02T23:00:00Z", "1030")),
                "2026-11-30T23:00:00Z", "2026-12-02T23:00:00Z", List.of());
        assertThat(items).hasSize(2);
        assertThat(items.get(0).from()).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
        assertThat(items.get(0).value()).isEqualByComparingTo("10.5");
        assertThat(items.get(0).estimated()).isFalse();
        assertThat(items.get(1).value()).isEqualByComparingTo("19.5");
    }

    @Test
    void aDaylightSavingDayHas23Hours() {
        List<Instant> b = Consumption.boundaries(Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z"),
                Consumption.Interval.DAY, OSLO, 10);
        assertThat(b).containsExactly(Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z"));
    }

    @Test
    void gapsAreInterpolatedAndMarkedEstimated() {
        // Readings at 12:00 local on each side of a missing day: midnight values are interpolated.
        List<Consumption.Item> items = daily(List.of(s("2026-12-01T11:00:00Z", "100"), s("2026-12-03T11:00:00Z", "148")),
                "2026-12-01T23:00:00Z", "2026-12-02T23:00:00Z", List.of());
        assertThat(items).hasSize(1);
        assertThat(items.get(0).value()).isEqualByComparingTo("24");
        assertThat(items.get(0).estimated()).isTrue();
    }

    @Test
    void theOrderReadingsArrivedInDoesNotMatter() {
        List<Consumption.Sample> inOrder = new ArrayList<>();
        for (int h = 0; h <= 48; h++) {
            inOrder.add(new Consumption.Sample(Instant.parse("2026-11-30T23:00:00Z").plusSeconds(3600L * h), BigDecimal.valueOf(500 + 2L * h)));
        }
        List<Consumption.Sample> shuffled = new ArrayList<>(inOrder);
        Collections.shuffle(shuffled, new java.util.Random(7));
        shuffled.sort(java.util.Comparator.comparing(Consumption.Sample::ts)); // as the query orders them
        assertThat(daily(shuffled, "2026-11-30T23:00:00Z", "2026-12-02T23:00:00Z", List.of()))
                .extracting(Consumption.Item::value).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("48"), new BigDecimal("48"));
    }

    @Test
    void aCounterRolloverAddsTheWrap() {
        List<Consumption.Item> items = daily(List.of(s("2026-11-30T23:00:00Z", "99990"), s("2026-12-01T23:00:00Z", "25")),
                "2026-11-30T23:00:00Z", "2026-12-01T23:00:00Z", List.of());
        assertThat(items.get(0).value()).isEqualByComparingTo("35");
        assertThat(items.get(0).estimated()).isFalse();
        assertThat(Consumption.wrapOf(new BigDecimal("99990"), new BigDecimal("25"))).isEqualByComparingTo("100000");
        assertThat(Consumption.wrapOf(new BigDecimal("5000"), new BigDecimal("25"))).isNull();
    }

    @Test
    void aReplacedMeterContinuesTheIndexAndTheIntervalIsEstimated() {
        // The old meter stood at 5000; the new one starts at 3 and reads 13 a day later.
        List<Consumption.Sample> samples = List.of(s("2026-11-30T23:00:00Z", "4990"), s("2026-12-01T10:00:00Z", "5000"),
                s("2026-12-01T12:00:00Z", "3"), s("2026-12-01T23:00:00Z", "8"), s("2026-12-02T23:00:00Z", "13"));
        List<Consumption.Item> detected = daily(samples, "2026-11-30T23:00:00Z", "2026-12-02T23:00:00Z", List.of());
        assertThat(detected.get(0).value()).isEqualByComparingTo("15");
        assertThat(detected.get(0).estimated()).isTrue();
        assertThat(detected.get(1).value()).isEqualByComparingTo("5");
        assertThat(detected.get(1).estimated()).isFalse();

        // A recorded replacement counts even when the new meter starts above the old one's index.
        List<Consumption.Sample> higher = List.of(s("2026-11-30T23:00:00Z", "10"), s("2026-12-01T10:00:00Z", "20"),
                s("2026-12-01T12:00:00Z", "7000"), s("2026-12-01T23:00:00Z", "7004"));
        List<Consumption.Item> recorded = daily(higher, "2026-11-30T23:00:00Z", "2026-12-01T23:00:00Z",
                List.of(Instant.parse("2026-12-01T11:00:00Z")));
        assertThat(recorded.get(0).value()).isEqualByComparingTo("14");
        assertThat(recorded.get(0).estimated()).isTrue();
    }

    @Test
    void intervalsTheDataDoesNotReachHaveNoValue() {
        List<Consumption.Item> items = daily(List.of(s("2026-12-01T23:00:00Z", "10"), s("2026-12-02T23:00:00Z", "20")),
                "2026-11-30T23:00:00Z", "2026-12-03T23:00:00Z", List.of());
        assertThat(items).hasSize(3);
        assertThat(items.get(0).value()).isNull();
        assertThat(items.get(1).value()).isEqualByComparingTo("10");
        assertThat(items.get(2).value()).isNull();
    }

    @Test
    void monthsAndHoursAreAlignedLocally() {
        List<Instant> months = Consumption.boundaries(Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"),
                Consumption.Interval.MONTH, OSLO, 10);
        assertThat(months).containsExactly(Instant.parse("2025-12-31T23:00:00Z"), Instant.parse("2026-01-31T23:00:00Z"),
                Instant.parse("2026-02-28T23:00:00Z"), Instant.parse("2026-03-31T22:00:00Z"));
        List<Instant> hours = Consumption.boundaries(Instant.parse("2026-12-01T10:30:00Z"), Instant.parse("2026-12-01T12:00:00Z"),
                Consumption.Interval.HOUR, OSLO, 10);
        assertThat(hours).containsExactly(Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T11:00:00Z"),
                Instant.parse("2026-12-01T12:00:00Z"));
    }
}
