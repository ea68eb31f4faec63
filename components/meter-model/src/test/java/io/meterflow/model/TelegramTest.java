package io.meterflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelegramTest {

    private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");
    private static final DeviceId DEVICE = DeviceId.mbus("mbus", "ABC", "12345678", 1, Medium.WATER);

    @Test
    void rawIsCopiedInAndOutAndComparedByContent() {
        byte[] raw = {0x68, 0x03, 0x03, 0x68};
        Telegram t = new Telegram("mbus", DEVICE, T, null, null, raw);
        raw[0] = 0;
        assertThat(t.raw()).containsExactly(0x68, 0x03, 0x03, 0x68);
        t.raw()[1] = 0;
        assertThat(t.raw()[1]).isEqualTo((byte) 0x03);

        Telegram same = new Telegram("mbus", DEVICE, T, List.of(), List.of(), new byte[] {0x68, 0x03, 0x03, 0x68});
        assertThat(t).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(t).isNotEqualTo(new Telegram("mbus", DEVICE, T, null, null, new byte[] {0x68}));
        assertThat(t.toString()).contains("raw=4 bytes");
    }

    @Test
    void listsAreUnmodifiableCopiesAndNeverNull() {
        List<Reading> readings = new ArrayList<>();
        readings.add(Reading.of("1-0:1.8.0*255", BigDecimal.ONE, Unit.WATT_HOUR, null));
        Telegram t = new Telegram("mbus", null, null, readings, null, null);
        readings.clear();
        assertThat(t.readings()).hasSize(1);
        assertThat(t.events()).isEmpty();
        assertThat(t.raw()).isNull();
        assertThatThrownBy(() -> t.readings().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new Telegram("mbus", null, null, Arrays.asList((Reading) null), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("readings[0]");
        assertThatThrownBy(() -> new Telegram(" ", null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("protocol");
    }

    @Test
    void readingsAtMeterTimeFillsOnlyMissingTimestamps() {
        Instant own = T.minusSeconds(900);
        Telegram t = new Telegram("mbus", DEVICE, T, List.of(
                Reading.of("a", BigDecimal.ONE, Unit.WATT_HOUR, null),
                Reading.of("b", BigDecimal.ONE, Unit.WATT_HOUR, own)), null, null);
        assertThat(t.readingsAtMeterTime()).extracting(Reading::timestamp).containsExactly(T, own);
        assertThat(t.readings().get(0).timestamp()).isNull();
    }

    @Test
    void eventAttributesKeepOrderAndAreUnmodifiable() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("number", "7");
        attributes.put("status", "0x04");
        Event e = new Event("power_failure", T, "Power down", attributes);
        attributes.put("later", "x");
        assertThat(e.attributes()).containsExactly(Map.entry("number", "7"), Map.entry("status", "0x04"));
        assertThatThrownBy(() -> e.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Event.of("tamper", null).attributes()).isEmpty();
        assertThatThrownBy(() -> Event.of(" ", T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event code must not be blank");
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("k", null);
        assertThatThrownBy(() -> new Event("x", T, null, withNull))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k=null");
    }

    @Test
    void decodeExceptionNamesTheByte() {
        DecodeException withOffset = new DecodeException("checksum mismatch", 17);
        assertThat(withOffset.getMessage()).isEqualTo("checksum mismatch at byte 17");
        assertThat(withOffset.offset()).isEqualTo(17);
        assertThat(withOffset.reason()).isEqualTo("checksum mismatch");

        DecodeException without = new DecodeException("no start byte");
        assertThat(without.getMessage()).isEqualTo("no start byte");
        assertThat(without.offset()).isNull();

        IndexOutOfBoundsException cause = new IndexOutOfBoundsException("5");
        DecodeException wrapped = new DecodeException("frame too short", 5, cause);
        assertThat(wrapped).hasCause(cause).hasMessage("frame too short at byte 5");
        assertThat(wrapped).isInstanceOf(RuntimeException.class);
    }
}
