package io.meterflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadingTest {

    private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void ofBuildsAReadingWithoutFlags() {
        Reading r = Reading.of("1-0:1.8.0*255", new BigDecimal("12345.678"), Unit.WATT_HOUR, T);
        assertThat(r.register()).isEqualTo("1-0:1.8.0*255");
        assertThat(r.value()).isEqualTo(new BigDecimal("12345.678"));
        assertThat(r.unit()).isEqualTo(Unit.WATT_HOUR);
        assertThat(r.timestamp()).isEqualTo(T);
        assertThat(r.quality()).isEmpty();
        assertThat(r.description()).isNull();
    }

    @Test
    void obisRegisterIsStoredInFullForm() {
        Reading r = Reading.of(ObisCode.parse("1.8.0"), BigDecimal.ONE, Unit.WATT_HOUR, null);
        assertThat(r.register()).isEqualTo("1-0:1.8.0*255");
    }

    @Test
    void rejectsBlankRegister() {
        assertThatThrownBy(() -> Reading.of(" ", BigDecimal.ONE, Unit.WATT, T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("register must not be blank");
        assertThatThrownBy(() -> Reading.of((String) null, BigDecimal.ONE, Unit.WATT, T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("register must not be blank but was null");
    }

    @Test
    void rejectsANulCharacterInTheRegisterAndDropsItFromTheDescription() {
        assertThatThrownBy(() -> Reading.of("mbus:1:vol\0x", BigDecimal.ONE, Unit.WATT, T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reading register must not contain the character U+0000 but was \"mbus:1:vol\\u0000x\"");
        Reading r = new Reading("mbus:1:text", BigDecimal.ONE, Unit.WATT, T, null, "litres\0\0 (plain text)");
        assertThat(r.description()).isEqualTo("litres (plain text)");
    }

    @Test
    void rejectsMissingValueOrUnit() {
        assertThatThrownBy(() -> Reading.of("1-0:1.8.0*255", null, Unit.WATT, T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reading value of register 1-0:1.8.0*255 must not be null");
        assertThatThrownBy(() -> Reading.of("1-0:1.8.0*255", BigDecimal.ONE, null, T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reading unit of register 1-0:1.8.0*255 must not be null");
    }

    @Test
    void rejectsAbsurdlyLongValues() {
        assertThatThrownBy(() -> Reading.of("x", new BigDecimal("1E+999999999"), Unit.WATT, T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 1000 digits");
    }

    @Test
    void negativeScaleIsWidenedSoThePlainFormReadsBackEqual() {
        Reading r = Reading.of("x", new BigDecimal("1.5E+3"), Unit.WATT, T);
        assertThat(r.value().scale()).isZero();
        assertThat(r.value().toPlainString()).isEqualTo("1500");
        assertThat(r).isEqualTo(Reading.of("x", new BigDecimal("1500"), Unit.WATT, T));
    }

    @Test
    void qualityIsAnUnmodifiableCopy() {
        Set<Quality> flags = new HashSet<>(Arrays.asList(Quality.ESTIMATED, Quality.MANUAL));
        Reading r = new Reading("x", BigDecimal.ONE, Unit.NONE, T, flags, "count");
        flags.add(Quality.OVERFLOW);
        assertThat(r.quality()).containsExactly(Quality.ESTIMATED, Quality.MANUAL);
        assertThatThrownBy(() -> r.quality().add(Quality.OVERFLOW))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(new Reading("x", BigDecimal.ONE, Unit.NONE, T, null, null).quality()).isEmpty();
        assertThatThrownBy(() -> new Reading("x", BigDecimal.ONE, Unit.NONE, T,
                new HashSet<>(Arrays.asList(Quality.MANUAL, null)), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not contain null");
    }

    @Test
    void equalityIgnoresHowTheFlagSetWasBuilt() {
        Reading a = new Reading("x", BigDecimal.ONE, Unit.NONE, T, EnumSet.of(Quality.MANUAL), null);
        Reading b = new Reading("x", BigDecimal.ONE, Unit.NONE, T, Set.of(Quality.MANUAL), null);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new Reading("x", BigDecimal.ONE, Unit.NONE, T, null, null));
    }

    @Test
    void withTimestampIfMissingOnlyFillsAGap() {
        Instant later = T.plusSeconds(60);
        Reading without = Reading.of("x", BigDecimal.TEN, Unit.WATT, null);
        assertThat(without.withTimestampIfMissing(later).timestamp()).isEqualTo(later);
        assertThat(without.withTimestampIfMissing(later).value()).isEqualTo(BigDecimal.TEN);
        Reading with = Reading.of("x", BigDecimal.TEN, Unit.WATT, T);
        assertThat(with.withTimestampIfMissing(later)).isSameAs(with);
        assertThat(without.withTimestampIfMissing(null)).isSameAs(without);
    }

    @Test
    void withQualityAddsAFlag() {
        Reading r = Reading.of("x", BigDecimal.TEN, Unit.WATT, T).withQuality(Quality.ESTIMATED)
                .withQuality(Quality.CLOCK_INVALID);
        assertThat(r.quality()).containsExactlyInAnyOrder(Quality.ESTIMATED, Quality.CLOCK_INVALID);
    }
}
