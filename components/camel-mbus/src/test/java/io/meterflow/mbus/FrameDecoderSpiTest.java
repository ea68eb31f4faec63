package io.meterflow.mbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterflow.mbus.codec.Hex;
import io.meterflow.model.Frame;
import io.meterflow.model.FrameDecoder;
import io.meterflow.model.Telegram;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The decoders as the hub's decode command finds and calls them. */
class FrameDecoderSpiTest {

    private static Map<String, FrameDecoder> decoders() {
        Map<String, FrameDecoder> all = new HashMap<>();
        ServiceLoader.load(FrameDecoder.class).forEach(d -> all.put(d.protocol(), d));
        return all;
    }

    @Test
    void bothProtocolsAreRegistered() {
        assertThat(decoders()).containsKeys("mbus", "wmbus");
    }

    @Test
    void wmbusFeedsPartsInOrderAndUsesTheEncryptionKey() {
        FrameDecoder wmbus = decoders().get("wmbus");
        Frame frame = new Frame(List.of(
                Hex.decode("2E442D2C6767676730048D2039D1684020BCDB7803062C000043060000000314630000426C7F2A022D130001FF2100"),
                Hex.decode("25442D2C6767676730048D203AD2684020D81579E7F1D5902C00000000006300007F2A130000")),
                null, Map.of(), Instant.now());
        Telegram t = wmbus.decode(frame);
        assertThat(t.readings()).anySatisfy(r -> assertThat(r.value()).isEqualByComparingTo("44000"));

        Frame encrypted = new Frame(List.of(Hex.decode(io.meterflow.mbus.wireless.WirelessDecoderTest.MODE5)), null,
                Map.of(Frame.ENCRYPTION_KEY, Hex.decode("82B0551191F51D66EFCDAB8967452301")), Instant.now());
        assertThat(wmbus.decode(encrypted).device().key()).isEqualTo("wmbus:KDN:19228217:1:water");
    }

    @Test
    void mbusMergesTheTelegramsOfAReadout() {
        byte[] first = Frames.withMoreRecordsFollow(Frames.libmbus("GWF-MTKcoder"));
        byte[] second = Frames.libmbus("GWF-MTKcoder");
        Telegram t = decoders().get("mbus").decode(new Frame(List.of(first, second), null, Map.of(), Instant.now()));
        assertThat(t.readings()).hasSize(4);
        assertThat(t.readings().get(3).register()).isEqualTo("8-0:1.0.0*255@2");
    }
}
