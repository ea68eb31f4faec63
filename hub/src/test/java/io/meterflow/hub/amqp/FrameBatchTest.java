package io.meterflow.hub.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class FrameBatchTest {

    private static final RawFrames.Raw FULL = new RawFrames.Raw("dlms", "udp", "/10.0.0.7:4059", Instant.parse("2026-12-05T01:02:03.123456789Z"),
            42L, 7L, 9L, new byte[] {0x0f, 0x00, (byte) 0xff});
    private static final RawFrames.Raw BARE = new RawFrames.Raw("wmbus", "tcp-hex", null, Instant.parse("2026-12-05T00:00:00Z"), null, null,
            null, new byte[0]);

    @Test
    void framesComeBackAsTheyWent() {
        List<RawFrames.Raw> back = FrameBatch.decode(FrameBatch.encode(List.of(FULL, BARE, FULL)));
        assertThat(back).hasSize(3);
        for (int i : new int[] {0, 2}) {
            RawFrames.Raw f = back.get(i);
            assertThat(f.protocol()).isEqualTo("dlms");
            assertThat(f.transport()).isEqualTo("udp");
            assertThat(f.source()).isEqualTo("/10.0.0.7:4059");
            assertThat(f.receivedAt()).isEqualTo(FULL.receivedAt());
            assertThat(f.organizationId()).isEqualTo(42L);
            assertThat(f.rawFrameId()).isEqualTo(7L);
            assertThat(f.meterId()).isEqualTo(9L);
            assertThat(f.payload()).containsExactly(0x0f, 0x00, 0xff);
        }
        RawFrames.Raw bare = back.get(1);
        assertThat(bare.source()).isNull();
        assertThat(bare.organizationId()).isNull();
        assertThat(bare.rawFrameId()).isNull();
        assertThat(bare.meterId()).isNull();
        assertThat(bare.payload()).isEmpty();
    }

    @Test
    void aBodyThatIsNotABatchSaysWhatIsWrong() {
        assertThatThrownBy(() -> FrameBatch.decode(new byte[] {1, 2, 3, 4, 0, 0, 0, 0})).hasMessageContaining("MFB1");
        byte[] good = FrameBatch.encode(List.of(FULL, FULL));
        assertThatThrownBy(() -> FrameBatch.decode(Arrays.copyOf(good, good.length - 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frame 1");
        assertThatThrownBy(() -> FrameBatch.decode(Arrays.copyOf(good, good.length + 1))).hasMessageContaining("1 bytes after the last of 2");
    }
}
