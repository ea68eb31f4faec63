package io.meterflow.mbus.manufacturer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterflow.mbus.TestData;
import io.meterflow.mbus.codec.Hex;
import io.meterflow.mbus.wireless.MissingKeyException;
import io.meterflow.mbus.wireless.WirelessDecoder;
import io.meterflow.mbus.wireless.WrongKeyException;
import io.meterflow.model.Quality;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiehlIzarTest {

    /** SAP meter, CI 0xA3, factory key 1. */
    private static final String SAP_A3 = "1944304C9C5824210C04A363140013716577EC59E8663AB0D31C";
    /** The same telegram scrambled with the key 01 02 .. 08 instead. */
    private static final String SAP_A3_OWN_KEY = "1944304C9C5824210C04A363140013CC0CFF87FF456457C25A49";
    /** The same telegram scrambled with factory key 2. */
    private static final String SAP_A3_FACTORY_KEY_2 = "1944304C9C5824210C04A3631400133189C15D0D87948F137917";
    private static final String OWN_KEY = "0102030405060708";

    private static Telegram decode(String hex, String key) {
        return new WirelessDecoder().decode(Hex.decode(hex), key == null ? null : Hex.decode(key));
    }

    private static Reading reading(Telegram t, String register) {
        return t.readings().stream().filter(r -> r.register().equals(register)).findFirst()
                .orElseThrow(() -> new AssertionError("no reading " + register + " in " + t.readings()));
    }

    private static Instant day(String date) {
        return LocalDate.parse(date).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    @Test
    void sapMeterVolumesDateIntervalAndBattery() {
        Telegram t = decode(SAP_A3, null);
        Reading total = reading(t, "mfr/izar/total_volume");
        assertThat(total.value()).isEqualByComparingTo("38.944");
        assertThat(total.unit()).isEqualTo(Unit.CUBIC_METRE);
        assertThat(total.timestamp()).isNull();
        Reading billing = reading(t, "mfr/izar/billing_volume");
        assertThat(billing.value()).isEqualByComparingTo("38.691");
        assertThat(billing.unit()).isEqualTo(Unit.CUBIC_METRE);
        assertThat(billing.timestamp()).isEqualTo(day("2021-02-01"));
        assertThat(reading(t, "mfr/izar/transmit_period").value()).isEqualByComparingTo("32");
        assertThat(reading(t, "mfr/izar/transmit_period").unit()).isEqualTo(Unit.SECOND);
        // 10 years of 365.25 days
        assertThat(reading(t, "mfr/izar/battery_remaining").value()).isEqualByComparingTo("315576000");
        assertThat(reading(t, "mfr/izar/battery_remaining").unit()).isEqualTo(Unit.SECOND);
        assertThat(reading(t, "mfr/izar/alarm_flags").value()).isEqualByComparingTo("0");
        assertThat(t.readings()).allMatch(r -> r.quality().isEmpty());
        assertThat(t.device().manufacturer()).isEqualTo("SAP");
    }

    @Test
    void dmeMeterWithALongerPayload() {
        Telegram t = decode("2944A511780729662366A20118001378D3B3DB8CEDD77731F25832AAF3DA8CADF9774EA673172E8C61F2", null);
        assertThat(reading(t, "mfr/izar/total_volume").value()).isEqualByComparingTo("16.76");
        assertThat(reading(t, "mfr/izar/billing_volume").value()).isEqualByComparingTo("11.84");
        assertThat(reading(t, "mfr/izar/billing_volume").timestamp()).isEqualTo(day("2019-11-30"));
        assertThat(reading(t, "mfr/izar/transmit_period").value()).isEqualByComparingTo("8");
        assertThat(reading(t, "mfr/izar/battery_remaining").value()).isEqualByComparingTo("378691200"); // 12 years
    }

    @Test
    void dmeMeterWithCiA1AndAZeroBillingValue() {
        Telegram t = decode("1944A511780779194820A121170013355F8EDB2D03C6912B1E37", null);
        assertThat(reading(t, "mfr/izar/total_volume").value()).isEqualByComparingTo("4.366");
        assertThat(reading(t, "mfr/izar/billing_volume").value()).isEqualByComparingTo("0");
        assertThat(reading(t, "mfr/izar/billing_volume").timestamp()).isEqualTo(day("2020-12-31"));
        assertThat(reading(t, "mfr/izar/battery_remaining").value()).isEqualByComparingTo("362912400"); // 11.5 years
    }

    @Test
    void alarmsThatAreSetNowFlagEveryReading() {
        // meter blocked (h1 bit 5) and underflow (h2 bit 6)
        Telegram t = decode("1944304C72242421D401A2013D4013DD8B46A4999C1293E582CC", null);
        assertThat(reading(t, "mfr/izar/total_volume").value()).isEqualByComparingTo("3.488");
        assertThat(reading(t, "mfr/izar/billing_volume").value()).isEqualByComparingTo("3.486");
        assertThat(reading(t, "mfr/izar/billing_volume").timestamp()).isEqualTo(day("2019-09-30"));
        assertThat(reading(t, "mfr/izar/alarm_flags").value()).isEqualByComparingTo(Integer.toString(0x2000 | 0x40));
        assertThat(reading(t, "mfr/izar/battery_remaining").value()).isEqualByComparingTo("457585200"); // 14.5 years
        assertThat(t.readings()).isNotEmpty().allMatch(r -> r.quality().contains(Quality.METER_ERROR));
    }

    @Test
    void aPastLeakageIsKeptButFlagsNothing() {
        // HYD meter; h3 is 0x15 here, and the volumes are still litres
        Telegram t = decode("19442423860775035048A251520015BEB6B2E1ED623A18FC74A5", null);
        assertThat(reading(t, "mfr/izar/total_volume").value()).isEqualByComparingTo("521.602");
        assertThat(reading(t, "mfr/izar/billing_volume").value()).isEqualByComparingTo("519.147");
        assertThat(reading(t, "mfr/izar/billing_volume").timestamp()).isEqualTo(day("2021-11-15"));
        assertThat(reading(t, "mfr/izar/alarm_flags").value()).isEqualByComparingTo(Integer.toString(0x4000));
        assertThat(t.readings()).allMatch(r -> r.quality().isEmpty());
    }

    @Test
    void theSecondFactoryKeyIsTriedToo() {
        Telegram t = decode(SAP_A3_FACTORY_KEY_2, null);
        assertThat(reading(t, "mfr/izar/total_volume").value()).isEqualByComparingTo("38.944");
    }

    @Test
    void aMeterKeyOfItsOwnIsUsedWhenGiven() {
        assertThat(reading(decode(SAP_A3_OWN_KEY, OWN_KEY), "mfr/izar/total_volume").value())
                .isEqualByComparingTo("38.944");
        // the factory keys still work when another 8-byte key or an AES key is stored for the meter
        assertThat(reading(decode(SAP_A3, OWN_KEY), "mfr/izar/total_volume").value()).isEqualByComparingTo("38.944");
        assertThat(reading(decode(SAP_A3, "000102030405060708090A0B0C0D0E0F"), "mfr/izar/total_volume").value())
                .isEqualByComparingTo("38.944");
    }

    @Test
    void withoutTheMeterKeyTheFrameWaitsForIt() {
        assertThatThrownBy(() -> decode(SAP_A3_OWN_KEY, null))
                .isInstanceOf(MissingKeyException.class)
                .hasMessageContaining("SAP 2124589C").hasMessageContaining("at byte 15");
    }

    @Test
    void aWrongMeterKeyIsReportedAsSuch() {
        assertThatThrownBy(() -> decode(SAP_A3_OWN_KEY, "0807060504030201"))
                .isInstanceOf(WrongKeyException.class)
                .hasMessageContaining("wrong key for meter SAP 2124589C");
    }

    @Test
    void aCutShortPayloadGivesAnEventNotAnError() {
        byte[] b = Arrays.copyOf(Hex.decode(SAP_A3), 25);
        b[0] = 24;
        Telegram t = new WirelessDecoder().decode(b, null);
        assertThat(t.readings()).isEmpty();
        assertThat(t.events()).anyMatch(e -> e.code().equals("manufacturer_decode_stopped")
                && e.attributes().get("decoder").equals("izar")
                && e.attributes().get("reason").contains("IZAR payload"));
    }

    @Test
    void anUnknownVolumeCodingGivesNoVolume() {
        byte[] b = Hex.decode(SAP_A3);
        b[14] = 0x14; // h3: volume, coding 4 (not part of the scrambling's start value)
        Telegram t = new WirelessDecoder().decode(b, null);
        assertThat(t.readings()).isEmpty();
        assertThat(t.events()).anyMatch(e -> e.code().equals("manufacturer_decode_stopped")
                && e.attributes().get("reason").contains("volume coding 4")
                && e.attributes().get("offset").equals("14"));
    }

    @Test
    void otherManufacturerLayersAreLeftAlone() {
        // a DME telegram with CI 0xA0: not a layout this decoder knows, the raw data stays in the event
        byte[] b = Hex.decode("1944A511780779194820A121170013355F8EDB2D03C6912B1E37");
        b[10] = (byte) 0xA0;
        Telegram t = new WirelessDecoder().decode(b, null);
        assertThat(t.readings()).isEmpty();
        assertThat(t.events()).extracting(e -> e.code()).containsExactly("manufacturer_data");
    }

    @Test
    void everyPublishedIzarSampleGivesItsTotalAndBillingValue() throws Exception {
        ObjectMapper json = new ObjectMapper();
        int checked = 0;
        for (String file : List.of("izar.jsonl", "izarv2.jsonl")) {
            for (String line : Files.readAllLines(TestData.resolve("wmbus/wmbusmeters/" + file))) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode c = json.readTree(line);
                JsonNode expected = c.get("expected");
                Telegram t = decode(c.get("telegram_hex").asText(), null);
                assertThat(reading(t, "mfr/izar/total_volume").value())
                        .isEqualByComparingTo(expected.get("total_m3").decimalValue());
                String billing = expected.has("target_m3") ? "target_m3" : "last_month_total_m3";
                String date = expected.has("target_date") ? "target_date" : "last_month_measure_date";
                assertThat(reading(t, "mfr/izar/billing_volume").value())
                        .isEqualByComparingTo(expected.get(billing).decimalValue());
                assertThat(reading(t, "mfr/izar/billing_volume").timestamp()).isEqualTo(day(expected.get(date).asText()));
                assertThat(reading(t, "mfr/izar/transmit_period").value())
                        .isEqualByComparingTo(expected.get("transmit_period_s").decimalValue());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(8);
    }
}
