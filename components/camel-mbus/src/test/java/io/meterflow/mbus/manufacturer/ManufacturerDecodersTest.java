package io.meterflow.mbus.manufacturer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meterflow.mbus.codec.Hex;
import io.meterflow.mbus.codec.MbusDecoder;
import io.meterflow.mbus.wireless.MissingKeyException;
import io.meterflow.mbus.wireless.WirelessDecoder;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ManufacturerDecodersTest {

    private static Telegram wireless(String hex, String key) {
        return new WirelessDecoder().decode(Hex.decode(hex), key == null ? null : Hex.decode(key));
    }

    private static Reading reading(Telegram t, String register) {
        return t.readings().stream().filter(r -> r.register().equals(register)).findFirst()
                .orElseThrow(() -> new AssertionError("no reading " + register + " in " + t.readings()));
    }

    @Test
    void bfw240RadioPackedHistory() {
        Telegram t = wireless("3644D7088877700002087ADBC000002F2F9E1F03C10388152A00000000000000000000000000000204000404000EE2020AC1321D280221", null);
        assertThat(reading(t, "mfr/bfw240radio/current").value()).isEqualByComparingTo("904");
        assertThat(reading(t, "mfr/bfw240radio/current").timestamp()).isEqualTo(Instant.parse("2021-02-28T00:00:00Z"));
        assertThat(reading(t, "mfr/bfw240radio/billing").value()).isEqualByComparingTo("961");
        assertThat(reading(t, "mfr/bfw240radio/month/1").value()).isEqualByComparingTo("541");
        assertThat(reading(t, "mfr/bfw240radio/month/4").value()).isEqualByComparingTo("226");
        assertThat(reading(t, "mfr/bfw240radio/month/9").value()).isEqualByComparingTo("2");
        assertThat(reading(t, "mfr/bfw240radio/month/18").value()).isEqualByComparingTo("0");
        // the payload is not EN 13757-3 records: nothing else is read from it
        assertThat(t.readings()).allMatch(r -> r.register().startsWith("mfr/"));
    }

    @Test
    void bfw240RadioCutShortKeepsTheTelegramWithAnEvent() {
        String full = "3644D7088877700002087ADBC000002F2F9E1F03C10388152A00000000000000000000000000000204000404000EE2020AC1321D280221";
        byte[] b = Arrays.copyOf(Hex.decode(full), 30);
        b[0] = (byte) 29;
        Telegram t = new WirelessDecoder().decode(b, null);
        assertThat(t.readings()).isEmpty();
        assertThat(t.events()).anyMatch(e -> e.code().equals("manufacturer_decode_stopped")
                && e.attributes().get("decoder").equals("bfw240radio"));
    }

    @Test
    void qundisHistoryRecordInKwh() {
        Telegram t = wireless("58449344798995673E377807797989956793443E040DFF5F3500827D0000810007C006FFFF531100003F3C490900005F318010000083003C0022000B0000000000000000000A002B00510083002F02FD170000046D16085832", null);
        assertThat(reading(t, "mfr/qundis_q55/current").value()).isEqualByComparingTo("1153000");
        assertThat(reading(t, "mfr/qundis_q55/current").unit()).isEqualTo(Unit.WATT_HOUR);
        assertThat(reading(t, "mfr/qundis_q55/year_end").value()).isEqualByComparingTo("949000");
        assertThat(reading(t, "mfr/qundis_q55/year_end").timestamp()).isEqualTo(Instant.parse("2025-12-31T00:00:00Z"));
        assertThat(reading(t, "mfr/qundis_q55/month_end").timestamp()).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(reading(t, "mfr/qundis_q55/month_consumption/1").value()).isEqualByComparingTo("131000");
        assertThat(reading(t, "mfr/qundis_q55/month_consumption/12").value()).isEqualByComparingTo("131000");
    }

    @Test
    void qundisNoValueMarkerGivesNoReading() {
        // 0x8000 in the monthly consumptions means "no value": eleven of twelve are unset here
        Telegram t = wireless("5844934443742668483778077943742668934448040DFF5F3500822A0000610107C006FFFF14000000FFFF000000003C32000000000080008000800080008000800080008000800080008000002F02FD170000046D1B0F3533", null);
        assertThat(t.readings()).filteredOn(r -> r.register().startsWith("mfr/qundis_q55/month_consumption/"))
                .extracting(Reading::register).containsExactly("mfr/qundis_q55/month_consumption/12");
        assertThat(reading(t, "mfr/qundis_q55/current").value()).isEqualByComparingTo("14000");
        assertThat(reading(t, "mfr/qundis_q55/year_end").timestamp()).isNull(); // date FF FF
    }

    @Test
    void imeManufacturerVifsOnAWiredFrame() {
        Telegram t = new MbusDecoder().decode(Hex.decode("6875756808017278563412A525660202000000848020FF8748F6080000849020FF87489F08000084A020FF8748E2080000848020FF88482D0F0000849020FF8848460F000084A020FF8848640F0000848020FF895900000000849020FF89592600000084A020FF89590000000002FF8A48F4011F0000000000B116"));
        assertThat(t.readings()).anyMatch(r -> r.unit() == Unit.VOLT && r.value().compareTo(new BigDecimal("229.4")) == 0);
        assertThat(t.readings()).anyMatch(r -> r.unit() == Unit.AMPERE && r.value().compareTo(new BigDecimal("0.038")) == 0);
        assertThat(reading(t, "mfr/ime/frequency/t0").value()).isEqualByComparingTo("50");
        assertThat(reading(t, "mfr/ime/frequency/t0").unit()).isEqualTo(Unit.HERTZ);
    }

    @Test
    void apatorNa1NeedsItsKey() {
        String hex = "1C440106813591041407A0B000266A705474DDB80D9A0EB9AE2EF29D96";
        assertThatThrownBy(() -> wireless(hex, null)).isInstanceOf(MissingKeyException.class);
        Telegram t = wireless(hex, "00000000000000000000000000000000");
        assertThat(reading(t, "mfr/apatorna1/total_volume").value()).isEqualByComparingTo("345.312");
        assertThat(reading(t, "mfr/apatorna1/total_volume").timestamp()).isEqualTo(Instant.parse("2024-03-23T15:22:20Z"));
        assertThat(reading(t, "mfr/apatorna1/historic_volume").value()).isEqualByComparingTo("300.619");
        assertThat(reading(t, "mfr/apatorna1/historic_age").value()).isEqualByComparingTo("1962000"); // 545 h
    }

    @Test
    void techemCompactVTotalIsTheSumOfItsParts() {
        Telegram t = wireless("36446850626262624543A1009F2777010060780000000A000000000000000000000000000000000000000000000000A0400000B4010000", null);
        assertThat(reading(t, "mfr/techem_heat/energy_previous").value()).isEqualByComparingTo("375000");
        assertThat(reading(t, "mfr/techem_heat/energy_current").value()).isEqualByComparingTo("120000");
        assertThat(reading(t, "mfr/techem_heat/energy_total").value()).isEqualByComparingTo("495000");
    }
}
