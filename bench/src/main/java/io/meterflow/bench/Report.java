package io.meterflow.bench;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every decoder benchmark and its byte-sum baseline, one thread, and prints a Markdown table
 * with the per-core targets of the performance issue. The settings are short by default (one
 * fork, 2 × 1 s warm-up, 3 × 1 s measurement); on a quiet machine, lengthen them with
 * {@code -Dbench.forks}, {@code -Dbench.warmups}, {@code -Dbench.iterations} and
 * {@code -Dbench.seconds}. Arguments, if any, are regular expressions that select benchmarks
 * instead of all of them (JMH include patterns).
 */
public final class Report {

    /** Decoder benchmark method to the per-core target, frames per second. */
    static final Map<String, Double> TARGETS = Map.of(
            "cipheredDataNotification", 100_000.0,
            "wiredLongFrames", 300_000.0,
            "wiredLargestFrame", 300_000.0);

    /** Row order and what each row decodes. */
    static final Map<String, String> ROWS = new LinkedHashMap<>();

    static {
        ROWS.put("cipheredDataNotification", "DLMS UDP wrapper, general-glo-ciphering (AES-128-GCM + tag), data-notification; 9 frames in turn");
        ROWS.put("plainHanList", "DLMS HAN list, LLC + plain data-notification (Aidon list 3)");
        ROWS.put("segmentedHdlcPush", "DLMS push in 2 segmented HDLC frames, with push layout (Iskra AM550)");
        ROWS.put("wiredLongFrames", "wired M-Bus long frames, libmbus test frames in turn");
        ROWS.put("wiredLargestFrame", "wired M-Bus, the largest of those frames alone");
        ROWS.put("wirelessMode5", "wireless M-Bus, AES-128-CBC mode 5 with key (kadenwater)");
        ROWS.put("wirelessUnencrypted", "wireless M-Bus, unencrypted (kamheat)");
        ROWS.put("modeDReadout", "IEC 62056-21 mode D readout, 27 data sets, CRC16 (Landis+Gyr E360)");
        ROWS.put("dsmr5P1Telegram", "DSMR 5 P1 telegram, 36 data sets, CRC16");
    }

    private Report() {
    }

    public static void main(String[] args) throws RunnerException {
        // Resolve the vectors here, so that a missing folder fails before any fork starts, and
        // hand the folder to the forks explicitly whatever their working directory.
        String vectors = TestVectors.root().toString();
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(Integer.getInteger("bench.forks", 1))
                .threads(1)
                .warmupIterations(Integer.getInteger("bench.warmups", 2))
                .warmupTime(TimeValue.seconds(Integer.getInteger("bench.seconds", 1)))
                .measurementIterations(Integer.getInteger("bench.iterations", 3))
                .measurementTime(TimeValue.seconds(Integer.getInteger("bench.seconds", 1)))
                .jvmArgsAppend("-D" + TestVectors.PROPERTY + "=" + vectors)
                .shouldFailOnError(true);
        if (args.length == 0) {
            options.include("io\\.meterflow\\.bench\\..*");
        } else {
            for (String a : args) {
                options.include(a);
            }
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.println(table(results));
    }

    static String table(Collection<RunResult> results) {
        Map<String, Result<?>> decode = new LinkedHashMap<>();
        Map<String, Result<?>> baseline = new LinkedHashMap<>();
        for (RunResult r : results) {
            String full = r.getParams().getBenchmark();
            String method = full.substring(full.lastIndexOf('.') + 1);
            (full.contains(".ByteSumBaseline.") ? baseline : decode).put(method, r.getPrimaryResult());
        }
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "Decoder throughput, one thread, %s, %d processors, Java %s%n%n",
                LocalDate.now(ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        t.append("| benchmark | input | decodes/s ± error (99.9 %) | slowest–fastest iteration | byte-sum baseline/s | decode time ÷ byte-sum time | per-core target | status |\n");
        t.append("|---|---|---:|---:|---:|---:|---:|---|\n");
        for (Map.Entry<String, String> row : ROWS.entrySet()) {
            String name = row.getKey();
            Result<?> d = decode.get(name);
            Result<?> b = baseline.get(name);
            if (d == null && b == null) {
                continue;
            }
            Double target = TARGETS.get(name);
            t.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %s | %s | %s | %s | %s |%n",
                    name, row.getValue(),
                    d == null ? "-" : scoreWithError(d),
                    d == null ? "-" : String.format(Locale.ROOT, "%,.0f–%,.0f", d.getStatistics().getMin(), d.getStatistics().getMax()),
                    b == null ? "-" : String.format(Locale.ROOT, "%,.0f", b.getScore()),
                    d == null || b == null ? "-" : String.format(Locale.ROOT, "%,.0f×", b.getScore() / d.getScore()),
                    target == null ? "-" : String.format(Locale.ROOT, "%,.0f/s", target),
                    target == null || d == null ? "" : status(d.getScore(), d.getScoreError(), target)));
        }
        return t.toString();
    }

    /**
     * "met" or "not met" by the mean; "within error" when the confidence interval reaches across
     * the target, so a noisy run is not read as a verdict.
     */
    static String status(double score, double scoreError, double target) {
        double error = Double.isNaN(scoreError) ? 0 : scoreError;
        String verdict = score >= target ? "met" : "not met";
        boolean straddles = score - error < target && score + error >= target;
        return straddles ? verdict + " (within error)" : verdict;
    }

    private static String scoreWithError(Result<?> r) {
        double error = r.getScoreError();
        return Double.isNaN(error)
                ? String.format(Locale.ROOT, "%,.0f", r.getScore())
                : String.format(Locale.ROOT, "%,.0f ± %,.0f", r.getScore(), error);
    }
}
