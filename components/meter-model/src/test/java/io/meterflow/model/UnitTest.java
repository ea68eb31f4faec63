package io.meterflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Wh     | WATT_HOUR            | 1",
            "kWh    | WATT_HOUR            | 1000",
            "MWh    | WATT_HOUR            | 1000000",
            "GWh    | WATT_HOUR            | 1000000000",
            "W      | WATT                 | 1",
            "kW     | WATT                 | 1000",
            "MW     | WATT                 | 1000000",
            "varh   | VAR_HOUR             | 1",
            "kvarh  | VAR_HOUR             | 1000",
            "kVArh  | VAR_HOUR             | 1000",
            "Mvarh  | VAR_HOUR             | 1000000",
            "var    | VAR                  | 1",
            "kvar   | VAR                  | 1000",
            "kVAr   | VAR                  | 1000",
            "VAh    | VOLT_AMPERE_HOUR     | 1",
            "kVAh   | VOLT_AMPERE_HOUR     | 1000",
            "VA     | VOLT_AMPERE          | 1",
            "kVA    | VOLT_AMPERE          | 1000",
            "V      | VOLT                 | 1",
            "kV     | VOLT                 | 1000",
            "mV     | VOLT                 | 0.001",
            "A      | AMPERE               | 1",
            "mA     | AMPERE               | 0.001",
            "Hz     | HERTZ                | 1",
            "m3     | CUBIC_METRE          | 1",
            "m³     | CUBIC_METRE          | 1",
            "l      | CUBIC_METRE          | 0.001",
            "L      | CUBIC_METRE          | 0.001",
            "m3/h   | CUBIC_METRE_PER_HOUR | 1",
            "m³/h   | CUBIC_METRE_PER_HOUR | 1",
            "l/h    | CUBIC_METRE_PER_HOUR | 0.001",
            "l/min  | CUBIC_METRE_PER_HOUR | 0.06",
            "m3/min | CUBIC_METRE_PER_HOUR | 60",
            "°C     | DEGREE_CELSIUS       | 1",
            "C      | DEGREE_CELSIUS       | 1",
            "degC   | DEGREE_CELSIUS       | 1",
            "K      | KELVIN               | 1",
            "s      | SECOND               | 1",
            "min    | SECOND               | 60",
            "h      | SECOND               | 3600",
            "d      | SECOND               | 86400",
            "J      | JOULE                | 1",
            "kJ     | JOULE                | 1000",
            "MJ     | JOULE                | 1000000",
            "GJ     | JOULE                | 1000000000",
            "%      | PERCENT              | 1",
            "kg     | KILOGRAM             | 1",
            "t      | KILOGRAM             | 1000",
            "Pa     | PASCAL               | 1",
            "bar    | PASCAL               | 100000",
            "mbar   | PASCAL               | 100",
            "deg    | DEGREE               | 1",
            "KWH    | WATT_HOUR            | 1000",
            "kwh    | WATT_HOUR            | 1000",
            "KVARH  | VAR_HOUR             | 1000",
            "M3     | CUBIC_METRE          | 1",
    })
    void normalizesWithExactFactor(String text, Unit unit, String factor) {
        Unit.Conversion conversion = Unit.normalize(text);
        assertThat(conversion.unit()).isEqualTo(unit);
        assertThat(conversion.factor()).isEqualByComparingTo(new BigDecimal(factor));
    }

    @Test
    void emptyTextIsDimensionless() {
        assertThat(Unit.normalize("").unit()).isEqualTo(Unit.NONE);
        assertThat(Unit.normalize("  ").unit()).isEqualTo(Unit.NONE);
        assertThat(Unit.NONE.symbol()).isEmpty();
    }

    @Test
    void applyIsExact() {
        assertThat(Unit.normalize("kWh").apply(new BigDecimal("12345.678")))
                .isEqualByComparingTo("12345678");
        assertThat(Unit.normalize("l").apply(new BigDecimal("0.1"))).isEqualByComparingTo("0.0001");
        assertThat(Unit.normalize("GJ").apply(new BigDecimal("1.000000001"))).isEqualByComparingTo("1000000001");
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(Unit.normalize(" kWh ").factor()).isEqualByComparingTo("1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mWh", "mwh", "MA", "mW", "mvarh", "MBAR"})
    void refusesToGuessBetweenMilliAndMega(String text) {
        assertThatThrownBy(() -> Unit.normalize(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ambiguous unit \"" + text + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"furlong", "kWhh", "Wh/m2", "kkWh", "ft3", "BTU", "12"})
    void rejectsUnknownUnitsNamingTheText(String text) {
        assertThatThrownBy(() -> Unit.normalize(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown unit \"" + text + "\"")
                .hasMessageContaining("kWh");
    }

    @Test
    void rejectsNullText() {
        assertThatThrownBy(() -> Unit.normalize(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unit text is null");
    }

    @Test
    void fromSymbolIsExact() {
        for (Unit unit : Unit.values()) {
            assertThat(Unit.fromSymbol(unit.symbol())).isSameAs(unit);
            // Every canonical symbol is also an accepted spelling, with factor 1.
            assertThat(Unit.normalize(unit.symbol()).unit()).isSameAs(unit);
            assertThat(Unit.normalize(unit.symbol()).factor()).isEqualByComparingTo(BigDecimal.ONE);
        }
        assertThat(Unit.fromSymbol("m3/h")).isEqualTo(Unit.CUBIC_METRE_PER_HOUR);
        assertThatThrownBy(() -> Unit.fromSymbol("kWh"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"kWh\"")
                .hasMessageContaining("\"Wh\", \"W\", \"varh\"");
        assertThatThrownBy(() -> Unit.fromSymbol("wh"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Unit.fromSymbol(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
    }

    @Test
    void conversionFactorMustBePositive() {
        assertThatThrownBy(() -> new Unit.Conversion(Unit.WATT, BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
