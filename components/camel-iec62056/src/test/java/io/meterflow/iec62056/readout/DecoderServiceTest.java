package io.meterflow.iec62056.readout;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterflow.model.Frame;
import io.meterflow.model.FrameDecoder;
import io.meterflow.model.Telegram;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The hub's decode command finds the decoders by ServiceLoader and feeds text or hex parts. */
class DecoderServiceTest {

    @Test
    void bothProtocolsAreRegistered() {
        Map<String, FrameDecoder> decoders = ServiceLoader.load(FrameDecoder.class).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(FrameDecoder::protocol, d -> d));
        assertThat(decoders).containsKeys("iec62056-21", "p1");
    }

    @Test
    void partsAreJoinedInOrder() {
        String text = "/ABC5X\r\n\r\n1.8.0(000012.5*kWh)\r\n!\r\n";
        byte[] all = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] a = java.util.Arrays.copyOfRange(all, 0, 15);
        byte[] b = java.util.Arrays.copyOfRange(all, 15, all.length);
        Telegram t = new ReadoutDecoder().decode(new Frame(List.of(a, b), null, Map.of(), Instant.EPOCH));
        assertThat(t.readings()).singleElement().satisfies(r -> assertThat(r.value()).isEqualByComparingTo("12500"));
        assertThat(t.raw()).isEqualTo(all);
    }
}
