package io.meterflow.hub.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.meterflow.model.Reading;
import io.meterflow.model.Unit;
import org.junit.jupiter.api.Test;

class NormalizerTest {

    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void transformerRatiosScaleSecondaryValuesToPrimary() throws Exception {
        Normalizer n = new Normalizer("");
        List<Reading> out = n.normalize(null, new BigDecimal("40"), new BigDecimal("100"), List.of(
                Reading.of("1-0:1.8.0*255", new BigDecimal("12.5"), Unit.WATT_HOUR, T),
                Reading.of("1-0:31.7.0*255", new BigDecimal("2"), Unit.AMPERE, T),
                Reading.of("1-0:32.7.0*255", new BigDecimal("110"), Unit.VOLT, T),
                Reading.of("1-0:14.7.0*255", new BigDecimal("50"), Unit.HERTZ, T)));
        assertThat(out).extracting(Reading::value).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("50000"), new BigDecimal("80"), new BigDecimal("11000"), new BigDecimal("50"));
        // Ratios of 1 leave readings as they are.
        List<Reading> same = List.of(Reading.of("1-0:1.8.0*255", BigDecimal.TEN, Unit.WATT_HOUR, T));
        assertThat(n.normalize(null, BigDecimal.ONE, BigDecimal.ONE, same)).isSameAs(same);
    }

    @Test
    void aMeterTypeMapsRegistersAndConvertsJoulesToWattHours() throws Exception {
        Normalizer n = new Normalizer("");
        assertThat(n.knows("kamstrup-multical-heat")).isTrue();
        List<Reading> out = n.normalize("kamstrup-multical-heat", BigDecimal.ONE, BigDecimal.ONE, List.of(
                Reading.of("FB09/s0/t0/u0/inst", new BigDecimal("36000"), Unit.JOULE, T),
                Reading.of("FF22/s0/t0/u0/inst", BigDecimal.ONE, Unit.NONE, T)));
        assertThat(out.get(0).register()).isEqualTo("6-0:1.0.0*255");
        assertThat(out.get(0).unit()).isEqualTo(Unit.WATT_HOUR);
        assertThat(out.get(0).value()).isEqualByComparingTo("10");
        assertThat(out.get(0).description()).isEqualTo("Heat energy");
        assertThat(out.get(1).register()).isEqualTo("FF22/s0/t0/u0/inst");
    }

    @Test
    void aMeterTypeWithoutNameOrTargetRegisterIsRefusedWithWhere() {
        assertThatThrownBy(() -> Normalizer.parse(new ByteArrayInputStream("registers: {}".getBytes(StandardCharsets.UTF_8)), "x.yaml"))
                .hasMessageContaining("x.yaml").hasMessageContaining("name");
        assertThatThrownBy(() -> Normalizer.parse(new ByteArrayInputStream("name: t\nregisters: {A: {unit: Wh}}".getBytes(StandardCharsets.UTF_8)), "y.yaml"))
                .hasMessageContaining("registers.A needs a register");
    }
}
