package io.meterflow.iec62056.readout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meterflow.iec62056.p1.P1Decoder;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Event;
import io.meterflow.model.Frame;
import io.meterflow.model.Medium;
import io.meterflow.model.Quality;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadoutDecoderTest {

    /** A mode C readout as it comes off the wire: identification, STX, data, '!', ETX, BCC. */
    static String modeC(String ident, String data) {
        String block = data + "!\r\n" + (char) Bcc.ETX;
        int bcc = Bcc.compute(block, 0, block.length());
        return "/" + ident + "\r\n" + (char) Bcc.STX + block + (char) bcc;
    }

    @Test
    void modeCReadoutWithBccBecomesTelegram() {
        String text = modeC("LGZ5ZMD3104407.B32", "F.F(00000000)\r\nC.1.0(12345678)\r\n1.8.1(001234.567*kWh)\r\n"
                + "1.8.2(000100.000*kWh)\r\n32.7(231.5*V)\r\n0.9.1(125959)\r\n0.9.2(241204)\r\n");
        Telegram t = new ReadoutDecoder().decode(Frame.of(text.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(t.protocol()).isEqualTo("iec62056-21");
        assertThat(t.device().manufacturer()).isEqualTo("LGZ");
        assertThat(t.device().serial()).isEqualTo("12345678");
        assertThat(t.device().identification()).isEqualTo("LGZ5ZMD3104407.B32");
        assertThat(t.device().key()).isEqualTo("iec62056-21:LGZ:12345678:-:electricity");
        assertThat(t.meterTime()).isEqualTo(Instant.parse("2024-12-04T11:59:59Z"));
        assertThat(t.readings()).extracting(Reading::register, Reading::value, Reading::unit).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1-0:1.8.1*255", new BigDecimal("1234567.000"), Unit.WATT_HOUR),
                org.assertj.core.groups.Tuple.tuple("1-0:1.8.2*255", new BigDecimal("100000.000"), Unit.WATT_HOUR),
                org.assertj.core.groups.Tuple.tuple("1-0:32.7.0*255", new BigDecimal("231.5"), Unit.VOLT));
        assertThat(t.events()).isEmpty();
    }

    @Test
    void bccMismatchNamesTheOffset() {
        String text = modeC("LGZ5ZMD", "1.8.1(001234.567*kWh)\r\n");
        String corrupted = text.replace("1234", "1235");
        assertThatThrownBy(() -> new ReadoutDecoder().decode(corrupted))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("BCC mismatch")
                .satisfies(e -> assertThat(((DecodeException) e).offset()).isEqualTo(corrupted.length() - 1));
    }

    @Test
    void errorRegisterFlagsReadings() {
        Telegram t = new ReadoutDecoder().decode("/ABC5X\r\n\r\nF.F(00400000)\r\n1.8.0(12.5*kWh)\r\n!\r\n");
        assertThat(t.events()).extracting(Event::code).containsExactly("meter_error");
        assertThat(t.readings().get(0).quality()).containsExactly(Quality.METER_ERROR);
    }

    @Test
    void loadProfileRowsGetTheirIntervalTimes() {
        String text = "/ABC5X\r\n\r\nP.01(1240704100000)(08)(15)(2)(1.5.0)(kW)(2.5.0)(kW)\r\n"
                + "(0.120)(0.000)\r\n(0.250)(0.010)\r\n!\r\n";
        Telegram t = new ReadoutDecoder().decode(text);
        assertThat(t.readings()).hasSize(4);
        Reading second = t.readings().get(2);
        assertThat(second.register()).isEqualTo("1-0:1.5.0*255");
        assertThat(second.value()).isEqualTo(new BigDecimal("250.000"));
        assertThat(second.unit()).isEqualTo(Unit.WATT);
        // leading 1 = summer time: 10:15 local at +02:00
        assertThat(second.timestamp()).isEqualTo(Instant.parse("2024-07-04T08:15:00Z"));
    }

    @Test
    void gasMeterOfAnotherMediumCompletesValueGroupA() {
        ReadoutDecoder gas = new ReadoutDecoder(MappingOptions.of("iec62056-21").withMedium(Medium.GAS));
        Telegram t = gas.decode("/ELS6EK280\r\n\r\n0.0.0(80123456)\r\n13.0.0(123456.78*m3)\r\n!\r\n");
        assertThat(t.readings().get(0).register()).isEqualTo("7-0:13.0.0*255");
        assertThat(t.device().medium()).isEqualTo(Medium.GAS);
    }

    @Test
    void dsmr22GasProfileAndUnknownUnit() {
        String text = "/ISk5\\2MT382-1004\r\n\r\n0-1:24.3.0(161107190000)(00)(60)(1)(0-1:24.2.1)(m3)\r\n(00001.001)\r\n"
                + "1-0:99.1.0(12*furlong)\r\n!\r\n";
        Telegram t = new P1Decoder().decode(text);
        Reading gas = t.readings().get(0);
        assertThat(gas.register()).isEqualTo("0-1:24.2.1*255");
        assertThat(gas.value()).isEqualByComparingTo("1.001");
        assertThat(gas.timestamp()).isEqualTo(Instant.parse("2016-11-07T18:00:00Z"));
        assertThat(t.events()).extracting(Event::code).containsExactly("unmapped_data_set");
    }

    @Test
    void powerFailureLogBecomesEvents() {
        String text = "/XYZ5Z\r\n\r\n1-0:99.97.0(2)(0-0:96.7.19)(170520130938S)(0000005627*s)(170325044014W)(0043178677*s)\r\n!\r\n";
        Telegram t = new P1Decoder().decode(text);
        List<Event> failures = t.events();
        assertThat(failures).hasSize(2);
        assertThat(failures.get(0).code()).isEqualTo("power_failure");
        assertThat(failures.get(0).timestamp()).isEqualTo(Instant.parse("2017-05-20T11:09:38Z"));
        assertThat(failures.get(0).attributes()).containsEntry("duration_s", "5627");
        assertThat(failures.get(1).timestamp()).isEqualTo(Instant.parse("2017-03-25T03:40:14Z"));
    }

    @Test
    void summerFlagResolvesTheRepeatedAutumnHour() {
        ZoneId zone = ZoneId.of("Europe/Amsterdam");
        assertThat(MeterTimes.parse("241027023000S", zone).instant()).isEqualTo(Instant.parse("2024-10-27T00:30:00Z"));
        assertThat(MeterTimes.parse("241027023000W", zone).instant()).isEqualTo(Instant.parse("2024-10-27T01:30:00Z"));
        assertThat(MeterTimes.parse("240701120000S", zone).summer()).isTrue();
        assertThat(MeterTimes.parse("241301120000S", zone)).isNull();
    }

    @Test
    void p1VersionFiveWithoutCrcIsRejected() {
        String text = "/ISk5\\2MT382-1000\r\n\r\n1-3:0.2.8(50)\r\n1-0:1.8.1(000004.426*kWh)\r\n!\r\n";
        assertThatThrownBy(() -> new P1Decoder().decode(text)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("no CRC16");
    }

    @Test
    void crcMismatchIsRejected() {
        String text = "/ISk5\\2MT382-1000\r\n\r\n1-3:0.2.8(50)\r\n1-0:1.8.1(000004.426*kWh)\r\n!0000\r\n";
        assertThatThrownBy(() -> new P1Decoder().decode(text)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("CRC16 mismatch");
    }

    @Test
    void obisAddressForms() {
        assertThat(ObisAddress.parse("1-0:1.8.0*255", 7, 0)).hasToString("1-0:1.8.0*255");
        assertThat(ObisAddress.parse("1.8.0", 1, 0)).hasToString("1-0:1.8.0*255");
        assertThat(ObisAddress.parse("F.F", 1, 0)).hasToString("1-0:97.97.0*255");
        assertThat(ObisAddress.parse("C.1.0", 1, 0)).hasToString("1-0:96.1.0*255");
        assertThat(ObisAddress.parse("1.8.0&04", 1, 0)).hasToString("1-0:1.8.0*4");
        assertThat(ObisAddress.parse("14.7", 1, 0)).hasToString("1-0:14.7.0*255");
        assertThat(ObisAddress.parse("12", 1, 0)).isNull();
        assertThat(ObisAddress.parse("1.8.300", 1, 0)).isNull();
    }
}
