package io.meterflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ObisCodeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1-0:1.8.0*255   | 1 | 0 | 1  | 8 | 0 | 255",
            "1-0:1.8.1*0     | 1 | 0 | 1  | 8 | 1 | 0",
            "1-0:2.8.0       | 1 | 0 | 2  | 8 | 0 | 255",
            "1-0:1.8.0.255   | 1 | 0 | 1  | 8 | 0 | 255",
            "7-1:3.0.0.12    | 7 | 1 | 3  | 0 | 0 | 12",
            "0-0:96.1.0*255  | 0 | 0 | 96 | 1 | 0 | 255",
            "1.8.0           | 1 | 0 | 1  | 8 | 0 | 255",
            "32.7.0          | 1 | 0 | 32 | 7 | 0 | 255",
            "1.8.0*101       | 1 | 0 | 1  | 8 | 0 | 101",
            "255-255:255.255.255*255 | 255 | 255 | 255 | 255 | 255 | 255",
            "000-0:001.8.0   | 0 | 0 | 1  | 8 | 0 | 255",
    })
    void parsesAcceptedForms(String text, int a, int b, int c, int d, int e, int f) {
        assertThat(ObisCode.parse(text)).isEqualTo(ObisCode.of(a, b, c, d, e, f));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(ObisCode.parse("  1-0:1.8.0*255\t\n")).isEqualTo(ObisCode.of(1, 0, 1, 8, 0, 255));
        assertThat(ObisCode.parse(" 1.8.0 ")).isEqualTo(ObisCode.of(1, 0, 1, 8, 0, 255));
    }

    @ParameterizedTest
    @CsvSource({
            "1-0:C.1.0*255, 96",
            "0-0:F.97.0, 97",
            "1-0:L.1.0, 98",
            "1-0:P.1.0*255, 99",
            "C.1.0, 96",
            "F.97.0, 97",
            "c.1.0, 96",
    })
    void acceptsIecLettersInValueGroupC(String text, int c) {
        assertThat(ObisCode.parse(text).c()).isEqualTo(c);
    }

    @Test
    void letterElsewhereIsNamedInTheMessage() {
        assertThatThrownBy(() -> ObisCode.parse("0-0:F.F.0"))
                .isInstanceOf(InvalidObisCodeException.class)
                .hasMessageContaining("\"0-0:F.F.0\"")
                .hasMessageContaining("letter 'F' is only allowed in value group C")
                .hasMessageContaining("position 7");
    }

    @Test
    void shortFormsTakeTheCallersMediumAndChannel() {
        assertThat(ObisCode.parse("3.0.0", Medium.GAS.obisA(), 1)).isEqualTo(ObisCode.of(7, 1, 3, 0, 0, 255));
        assertThat(ObisCode.parse("1.0.0*5", 6, 2)).isEqualTo(ObisCode.of(6, 2, 1, 0, 0, 5));
        // A full form keeps its own A and B whatever the defaults.
        assertThat(ObisCode.parse("1-0:1.8.0", 7, 3)).isEqualTo(ObisCode.of(1, 0, 1, 8, 0, 255));
    }

    @Test
    void rejectsDefaultsOutOfRange() {
        assertThatThrownBy(() -> ObisCode.parse("1.8.0", 256, 0))
                .isInstanceOf(InvalidObisCodeException.class)
                .hasMessageContaining("256");
    }

    @Test
    void toStringIsTheFullFormAndRoundTrips() {
        ObisCode code = ObisCode.parse("1.8.0");
        assertThat(code.toString()).isEqualTo("1-0:1.8.0*255");
        assertThat(code.toShortString()).isEqualTo("1.8.0");
        assertThat(ObisCode.parse("1-0:C.1.0").toString()).isEqualTo("1-0:96.1.0*255");
        for (String text : List.of("1-0:1.8.0*255", "0-0:96.1.0*255", "7-0:3.0.0*12", "255-255:255.255.255*255")) {
            assertThat(ObisCode.parse(text).toString()).isEqualTo(text);
            assertThat(ObisCode.parse(ObisCode.parse(text).toString())).isEqualTo(ObisCode.parse(text));
        }
    }

    @Test
    void bytesRoundTrip() {
        ObisCode code = ObisCode.of(1, 0, 99, 1, 0, 255);
        byte[] bytes = code.toBytes();
        assertThat(bytes).containsExactly(1, 0, 99, 1, 0, (byte) 0xFF);
        assertThat(ObisCode.fromBytes(bytes)).isEqualTo(code);
        assertThat(ObisCode.fromBytes(new byte[] {(byte) 0x80, 0, 1, 8, 0, (byte) 0xFF}).a()).isEqualTo(128);
        // The returned array is a copy; changing it does not change the code.
        bytes[0] = 9;
        assertThat(code.a()).isEqualTo(1);
    }

    @Test
    void fromBytesNeedsSixBytes() {
        assertThatThrownBy(() -> ObisCode.fromBytes(new byte[] {1, 0, 1, 8, 0}))
                .isInstanceOf(InvalidObisCodeException.class)
                .hasMessageContaining("exactly 6 bytes but got 5");
        assertThatThrownBy(() -> ObisCode.fromBytes(null))
                .isInstanceOf(InvalidObisCodeException.class)
                .hasMessageContaining("none");
    }

    @Test
    void ofValidatesRange() {
        assertThatThrownBy(() -> ObisCode.of(1, 0, 256, 8, 0, 255))
                .isInstanceOf(InvalidObisCodeException.class)
                .hasMessageContaining("value group C is 256");
        assertThatThrownBy(() -> ObisCode.of(1, -1, 1, 8, 0, 255))
                .isInstanceOf(InvalidObisCodeException.class)
                .hasMessageContaining("value group B is -1");
    }

    @Test
    void equalityAndOrderingAreByValue() {
        assertThat(ObisCode.parse("1.8.0")).isEqualTo(ObisCode.parse("1-0:1.8.0*255"))
                .hasSameHashCodeAs(ObisCode.parse("1-0:1.8.0.255"));
        assertThat(ObisCode.parse("1.8.0")).isNotEqualTo(ObisCode.parse("1.8.1"));
        assertThat(ObisCode.parse("1-0:1.8.0").compareTo(ObisCode.parse("1-0:2.8.0"))).isNegative();
        assertThat(ObisCode.parse("1-0:1.8.1").compareTo(ObisCode.parse("1-0:1.8.0"))).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "1-0:1.8",
            "1.8",
            "1-0:1.8.0*255*1",
            "1-0:1.8.0.255.1",
            "1.8.0.255",
            "1-0:256.8.0*255",
            "1-0:1.8.0*1000",
            "-1-0:1.8.0",
            "1--0:1.8.0",
            "1-0:1.x.0",
            "1-0;1.8.0",
            "1-0:1.8.0 255",
            "1-0: 1.8.0",
            "A-0:1.8.0",
            "1-0:1.8.F",
            "1-0:Q.1.0",
            "1.8.0*",
            "1-0:1.8.0*",
            "99999999999-0:1.8.0",
            "1,8,0",
            "1-0:1.8.0 extra",
    })
    void rejectsInvalidTextQuotingTheInput(String text) {
        assertThatThrownBy(() -> ObisCode.parse(text))
                .isInstanceOf(InvalidObisCodeException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid OBIS code \"" + text + "\": ");
        assertThat(ObisCode.isValid(text)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> ObisCode.parse(null))
                .isInstanceOf(InvalidObisCodeException.class)
                .hasMessage("invalid OBIS code null: no text given");
        assertThat(ObisCode.isValid(null)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1-0:1.8      | ended early; expected '.'                                       | 8",
            "1.8          | ended early; a short form needs three value groups C.D.E        | 4",
            "1-0:256.8.0  | value group C is 256, outside 0..255                            | 5",
            "1-0:1.x.0    | expected a digit for value group D but found 'x'                | 7",
            "1-0;1.8.0    | expected ':' but found ';'                                      | 4",
            "-1-0:1.8.0   | expected a digit for value group A or C but found '-'           | 1",
            "1-0:1.8.0*1*2| unexpected '*' after the last value group                       | 12",
            "1.8.0.255    | unexpected '.'; a short form may only continue with '*F'        | 6",
            "'  1-0:1.8.x'| expected a digit for value group E but found 'x'                | 11",
    })
    void messageSaysWhatIsWrongAndWhere(String text, String problem, int position) {
        assertThatThrownBy(() -> ObisCode.parse(text))
                .isInstanceOfSatisfying(InvalidObisCodeException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(
                            "invalid OBIS code \"" + text + "\": " + problem + " at position " + position);
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.input()).isEqualTo(text);
                });
    }

    @Test
    void isValidAcceptsWhatParseAccepts() {
        assertThat(ObisCode.isValid("1-0:1.8.0*255")).isTrue();
        assertThat(ObisCode.isValid("1.8.0")).isTrue();
        assertThat(ObisCode.isValid("1-0:C.1.0")).isTrue();
        assertThat(ObisCode.isValid("1.8")).isFalse();
    }
}
