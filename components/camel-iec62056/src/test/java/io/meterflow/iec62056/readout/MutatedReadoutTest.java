package io.meterflow.iec62056.readout;

import io.meterflow.iec62056.TestData;
import io.meterflow.iec62056.p1.P1Decoder;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Frame;
import io.meterflow.model.FrameDecoder;
import io.meterflow.model.Telegram;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.api.Assertions;

/**
 * Real readouts and telegrams from the conformance set, damaged at random: every result is a
 * telegram or a {@link DecodeException}, and comes back quickly.
 */
class MutatedReadoutTest {

    private static final List<String> SAMPLES = TestData.allRecords().stream()
            .filter(r -> r.hasNonNull("input_text"))
            .map(r -> r.get("input_text").asText())
            .toList();

    private static final List<FrameDecoder> DECODERS = List.of(new ReadoutDecoder(), new P1Decoder());

    /** One edit: flip a byte to any value, insert one, delete one, or cut the text short. */
    record Edit(int kind, int position, int value) {
        String apply(String s) {
            if (s.isEmpty()) {
                return s;
            }
            int at = position % s.length();
            char c = (char) value;
            return switch (kind) {
                case 0 -> s.substring(0, at) + c + s.substring(at + 1);
                case 1 -> s.substring(0, at) + c + s.substring(at);
                case 2 -> s.substring(0, at) + s.substring(at + 1);
                default -> s.substring(0, at);
            };
        }
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Integer> interesting = Arbitraries.of((int) '(', (int) ')', (int) '*', (int) '!', (int) '/', (int) '\r',
                (int) '\n', 0x02, 0x03, (int) '.', (int) ':', (int) '-', (int) '9', (int) 'S', (int) 'W', 0x00, 0xFF);
        Arbitrary<Integer> value = Arbitraries.oneOf(interesting, Arbitraries.integers().between(0, 255));
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 100_000), value).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 400)
    void mutatedReadoutsDecodeOrFailCleanly(@ForAll @IntRange(min = 0, max = 1000) int sample,
                                            @ForAll("edits") List<Edit> edits) {
        String text = SAMPLES.get(sample % SAMPLES.size());
        for (Edit e : edits) {
            text = e.apply(text);
        }
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (FrameDecoder decoder : DECODERS) {
            long start = System.nanoTime();
            try {
                Telegram t = decoder.decode(new Frame(List.of(bytes), null, Map.of(), java.time.Instant.EPOCH));
                Assertions.assertThat(t.protocol()).isEqualTo(decoder.protocol());
            } catch (DecodeException expected) {
                Assertions.assertThat(expected.getMessage()).isNotBlank();
            }
            Assertions.assertThat((System.nanoTime() - start) / 1_000_000).as("decode time ms").isLessThan(1000);
        }
    }

    @Property(tries = 400)
    void arbitraryTextNeverEscapesAsAnotherException(@ForAll("noise") String text) {
        for (FrameDecoder decoder : DECODERS) {
            try {
                decoder.decode(Frame.ofText(text));
            } catch (DecodeException expected) {
                // fine
            }
        }
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("/ABCabc0123456789().*!:-SW\r\n\u0002\u0003\\PF").ofMaxLength(200)
                .map(s -> "/ABC5X\r\n\r\n" + s);
    }

}
