package io.meterflow.bench;

import io.meterflow.model.Frame;
import io.meterflow.model.Telegram;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs each benchmark method once (no JMH harness): every input loads, decodes to real
 * readings, and the baseline has one method per decoder benchmark. The measurements themselves
 * are run by hand, see the README.
 */
class BenchmarkInputsTest {

    private static final List<Class<?>> DECODERS =
            List.of(DlmsDecodeBenchmark.class, MbusDecodeBenchmark.class, Iec62056DecodeBenchmark.class);

    @Test
    void everyDecoderBenchmarkDecodesItsInputTwice() throws Exception {
        for (Class<?> type : DECODERS) {
            Object bench = type.getConstructor().newInstance();
            type.getMethod("load").invoke(bench);
            for (Method m : benchmarks(type)) {
                for (int i = 0; i < 2; i++) {
                    Telegram t = (Telegram) m.invoke(bench);
                    if (m.getName().equals("cipheredDataNotification")) {
                        // the notification body is one opaque octet-string: a device, no readings
                        assertThat(t.device().systemTitle()).isEqualTo("2F19229199164103");
                    } else if (m.getName().equals("wiredLongFrames")) {
                        assertThat(t.protocol()).isEqualTo("mbus");
                    } else {
                        assertThat(t.readings()).as(type.getSimpleName() + "." + m.getName()).isNotEmpty();
                    }
                }
            }
        }
    }

    @Test
    void baselineCoversEveryDecoderBenchmark() {
        Set<String> decoders = new TreeSet<>();
        DECODERS.forEach(t -> benchmarks(t).forEach(m -> decoders.add(m.getName())));
        Set<String> baselines = benchmarks(ByteSumBaseline.class).stream().map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(baselines).isEqualTo(decoders);
        assertThat(Report.TARGETS.keySet()).isSubsetOf(decoders);
    }

    @Test
    void inputsAreTheIntendedVectors() {
        assertThat(Inputs.dlmsCiphered()).hasSize(9)
                .allSatisfy(f -> assertThat(f.key(Frame.ENCRYPTION_KEY))
                        .isEqualTo(TestVectors.hex("4d5944554d4d59474c4f42414c4b4559")));
        assertThat(Inputs.dlmsSegmentedHdlc().parts()).hasSizeGreaterThan(1);
        List<Frame> wired = Inputs.mbusWired();
        System.out.println("bench inputs: libmbus test-frames " + wired.size() + " decode, "
                + Inputs.wiredSkipped() + " left out; largest " + Inputs.mbusWiredLargest().single().length + " bytes");
        assertThat(wired.size()).isGreaterThanOrEqualTo(50);
        assertThat(Inputs.mbusWiredLargest().single()[0]).isEqualTo((byte) 0x68);
        assertThat(Inputs.wmbusMode5().key(Frame.ENCRYPTION_KEY))
                .isEqualTo(TestVectors.hex("82B0551191F51D66EFCDAB8967452301"));
        assertThat(Inputs.wmbusUnencrypted().keys()).isEmpty();
        assertThat(Inputs.iecModeD().text()).startsWith("/LGF5E360");
        assertThat(ByteSum.of(Frame.of(new byte[] {(byte) 0xFF, 1}))).isEqualTo(256);
    }

    @Test
    void missingVectorsFailWithTheWayOut() {
        String old = System.getProperty(TestVectors.PROPERTY);
        System.setProperty(TestVectors.PROPERTY, "/nonexistent/testdata");
        try {
            assertThatThrownBy(TestVectors::root).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("-Dmeterflow.testdata=/nonexistent/testdata is not a directory");
        } finally {
            if (old == null) {
                System.clearProperty(TestVectors.PROPERTY);
            } else {
                System.setProperty(TestVectors.PROPERTY, old);
            }
        }
    }

    private static List<Method> benchmarks(Class<?> type) {
        return Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class)).toList();
    }
}
