package io.meterflow.dlms;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.dlms.axdr.BitString;
import io.meterflow.dlms.axdr.CosemDateTime;
import io.meterflow.dlms.axdr.DataType;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.axdr.Hex;
import io.meterflow.dlms.push.DlmsFrameDecoder;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Frame;
import io.meterflow.model.Telegram;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every vector of {@code shared/testdata/dlms}, mutated, decodes to a telegram or fails with a
 * DecodeException: never another exception, never a hang.
 */
class DlmsRobustnessTest {

    /** One vector: its frames and keys. */
    record Vector(String id, List<byte[]> parts, Map<String, byte[]> keys) {
    }

    private static final List<Vector> VECTORS = load();

    private static List<Vector> load() {
        List<Vector> out = new ArrayList<>();
        for (String file : List.of("dlms-cosem.jsonl", "amshan.jsonl", "smartmeter-datacollector.jsonl",
                "dsmr_parser.jsonl")) {
            for (JsonNode r : TestData.dlms(file)) {
                List<byte[]> parts = new ArrayList<>();
                if (r.has("hdlc_frames_hex")) {
                    r.get("hdlc_frames_hex").forEach(h -> parts.add(Hex.parse(h.asText())));
                } else if (r.has("input_hex")) {
                    parts.add(Hex.parse(r.get("input_hex").asText()));
                } else {
                    continue;
                }
                Map<String, byte[]> keys = new HashMap<>();
                JsonNode k = r.get("keys");
                if (k != null && !k.isNull()) {
                    if (k.hasNonNull("encryption_key_hex")) {
                        keys.put(Frame.ENCRYPTION_KEY, Hex.parse(k.get("encryption_key_hex").asText()));
                    }
                    if (k.hasNonNull("authentication_key_hex")) {
                        keys.put(Frame.AUTHENTICATION_KEY, Hex.parse(k.get("authentication_key_hex").asText()));
                    }
                }
                out.add(new Vector(r.get("id").asText(), parts, keys));
            }
        }
        return out;
    }

    /** A mutation: kind 0 flip a byte, 1 truncate, 2 insert a byte, 3 delete a byte, 4 set a byte. */
    record Mutation(int kind, int where, int value) {
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 255)).as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    private static byte[] mutate(byte[] b, Mutation m) {
        if (b.length == 0) {
            return new byte[] {(byte) m.value()};
        }
        int at = m.where() % b.length;
        return switch (m.kind()) {
            case 0 -> {
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << (m.value() % 8));
                yield c;
            }
            case 1 -> Arrays.copyOf(b, at);
            case 2 -> {
                byte[] c = new byte[b.length + 1];
                System.arraycopy(b, 0, c, 0, at);
                c[at] = (byte) m.value();
                System.arraycopy(b, at, c, at + 1, b.length - at);
                yield c;
            }
            case 3 -> {
                byte[] c = new byte[b.length - 1];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                yield c;
            }
            default -> {
                byte[] c = b.clone();
                c[at] = (byte) m.value();
                yield c;
            }
        };
    }

    @Property(tries = 400)
    void mutatedVectorsDecodeOrFailWithADecodeException(@ForAll @IntRange(min = 0, max = 1000) int pick,
                                                        @ForAll("mutations") List<Mutation> mutations) {
        Vector v = VECTORS.get(pick % VECTORS.size());
        List<byte[]> parts = new ArrayList<>(v.parts());
        for (Mutation m : mutations) {
            int part = m.where() % parts.size();
            parts.set(part, mutate(parts.get(part), m));
        }
        DlmsFrameDecoder decoder = new DlmsFrameDecoder();
        Frame frame = new Frame(parts, null, v.keys(), Instant.EPOCH);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            try {
                Telegram t = decoder.decode(frame);
                assertThat(t.protocol()).isEqualTo("dlms");
            } catch (DecodeException expected) {
                assertThat(expected.getMessage()).as("vector " + v.id()).isNotBlank();
            }
        }, () -> "vector " + v.id() + " hung");
    }

    @Property(tries = 400)
    void randomBytesAreDataOrADecodeException(@ForAll @Size(max = 64) byte[] bytes) {
        try {
            DlmsData d = new AxdrReader(bytes).data();
            assertThat(d).isNotNull();
        } catch (DecodeException expected) {
            assertThat(expected.offset()).isNotNull();
        }
    }

    @Property(tries = 300)
    void everyDataValueSurvivesEncodeAndDecode(@ForAll("data") DlmsData d) {
        byte[] encoded = AxdrWriter.encode(d);
        AxdrReader r = new AxdrReader(encoded);
        assertThat(r.data()).isEqualTo(d);
        assertThat(r.hasRemaining()).isFalse();
    }

    @Provide
    Arbitrary<DlmsData> data() {
        return Arbitraries.recursive(this::simple, inner -> Arbitraries.oneOf(inner,
                inner.list().ofMaxSize(4).map(DlmsData::structure), inner.list().ofMaxSize(4).map(DlmsData::array)),
                0, 5);
    }

    private Arbitrary<DlmsData> simple() {
        return Arbitraries.oneOf(
                Arbitraries.just(DlmsData.NULL),
                Arbitraries.of(true, false).map(b -> new DlmsData(DataType.BOOLEAN, b)),
                Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE).map(i -> DlmsData.integer(DataType.DOUBLE_LONG, i)),
                Arbitraries.longs().between(0, 0xFFFFFFFFL).map(i -> DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, i)),
                Arbitraries.integers().between(-128, 127).map(i -> DlmsData.integer(DataType.INTEGER, i)),
                Arbitraries.integers().between(-32768, 32767).map(i -> DlmsData.integer(DataType.LONG, i)),
                Arbitraries.integers().between(0, 255).map(i -> DlmsData.integer(DataType.UNSIGNED, i)),
                Arbitraries.integers().between(0, 65535).map(i -> DlmsData.integer(DataType.LONG_UNSIGNED, i)),
                Arbitraries.longs().map(i -> DlmsData.integer(DataType.LONG64, i)),
                Arbitraries.integers().between(0, 255).map(i -> DlmsData.integer(DataType.ENUM, i)),
                Arbitraries.floats().filter(Float::isFinite).map(f -> new DlmsData(DataType.FLOAT32, f)),
                Arbitraries.doubles().filter(Double::isFinite).map(f -> new DlmsData(DataType.FLOAT64, f)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(DlmsData::octets),
                Arbitraries.strings().ascii().ofMaxLength(40).map(DlmsData::visible),
                Arbitraries.strings().ofMaxLength(20).map(s -> new DlmsData(DataType.UTF8_STRING, s))
                        .filter(d -> new String(((String) d.value()).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                java.nio.charset.StandardCharsets.UTF_8).equals(d.value())),
                Arbitraries.integers().between(0, 40).map(n -> new DlmsData(DataType.BIT_STRING,
                        new BitString(n, new byte[(n + 7) / 8]))),
                Arbitraries.integers().between(0, 23).map(h -> new DlmsData(DataType.DATE_TIME,
                        new CosemDateTime(2026, 1, 2, 5, h, 30, 0, 0, -60, 0))));
    }
}
