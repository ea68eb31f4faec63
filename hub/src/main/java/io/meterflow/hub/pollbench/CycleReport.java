package io.meterflow.hub.pollbench;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/** The benchmark's report of one poll cycle, from the hub's poll runs, the farm's counts and the heap samples. */
final class CycleReport {

    private final int meters;
    private final FarmMeter.Security security;
    private final boolean loadProfile;
    private final Instant due;
    private final Instant allDispatched;
    private final List<PollRuns.Run> runs;
    private final long published;
    private final long stored;
    private final Instant storedAt;
    private final MeterFarm farm;
    private final HeapWatch heap;

    CycleReport(int meters, FarmMeter.Security security, boolean loadProfile, Instant due, Instant allDispatched, List<PollRuns.Run> runs,
                long published, long stored, Instant storedAt, MeterFarm farm, HeapWatch heap) {
        this.meters = meters;
        this.security = security;
        this.loadProfile = loadProfile;
        this.due = due;
        this.allDispatched = allDispatched;
        this.runs = runs;
        this.published = published;
        this.stored = stored;
        this.storedAt = storedAt;
        this.farm = farm;
        this.heap = heap;
    }

    void print(PrintStream out) {
        long ok = runs.stream().filter(r -> "success".equals(r.outcome())).count();
        long failed = runs.size() - ok;
        Instant firstStart = runs.stream().map(PollRuns.Run::started).min(Instant::compareTo).orElse(null);
        Instant lastFinish = runs.stream().map(PollRuns.Run::finished).filter(java.util.Objects::nonNull).max(Instant::compareTo)
                .orElse(null);
        Histogram sessionMillis = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        long retried = 0;
        for (PollRuns.Run r : runs) {
            if (r.finished() != null) {
                sessionMillis.recordValue(Math.max(0, Math.min(sessionMillis.getHighestTrackableValue(),
                        Duration.between(r.started(), r.finished()).toMillis())));
            }
            if (r.attempts() > 1) {
                retried++;
            }
        }
        double elapsed = lastFinish == null ? 0 : Duration.between(due, lastFinish).toMillis() / 1000.0;

        out.println();
        out.printf("pollbench report (%d meters, security %s; per session: association, %d registers, %s, the clock, release)%n",
                meters, security.name().toLowerCase(), FarmMeter.REGISTERS.size(),
                loadProfile ? "a " + FarmMeter.PROFILE_ROWS + "-row load profile" : "no load profile");
        out.printf("  sessions            %d finished of %d meters%n", runs.size(), meters);
        out.printf("  ok                  %d%n", ok);
        out.printf("  failed              %d%n", failed);
        if (failed > 0) {
            failureReasons().forEach((reason, n) -> out.printf("                      %6d  %s%n", n, reason));
        }
        out.printf("  elapsed             %.1f s from the due time (%s) to the last finished session%n", elapsed, due);
        out.printf("  sessions/s          %.0f%n", elapsed > 0 ? runs.size() / elapsed : 0.0);
        if (firstStart != null) {
            out.printf("  dispatch            first session started %+.1f s, %s%n", Duration.between(due, firstStart).toMillis() / 1000.0,
                    allDispatched == null ? "not every job was published"
                            : String.format("every job published by %+.1f s", Duration.between(due, allDispatched).toMillis() / 1000.0));
        }
        if (sessionMillis.getTotalCount() > 0) {
            out.printf("  session time        p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (poll job in the worker: look-up, DLMS"
                            + " session, publish, record)%n", sessionMillis.getValueAtPercentile(50), sessionMillis.getValueAtPercentile(90),
                    sessionMillis.getValueAtPercentile(99), sessionMillis.getMaxValue());
        }
        Histogram atMeter = farm.connectionMicros();
        if (atMeter.getTotalCount() > 0) {
            out.printf("  at the meter        p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (connection open), at most %d"
                            + " connections at once%n", atMeter.getValueAtPercentile(50) / 1000.0, atMeter.getValueAtPercentile(90) / 1000.0,
                    atMeter.getValueAtPercentile(99) / 1000.0, atMeter.getMaxValue() / 1000.0, farm.mostOpen());
        }
        out.printf("  farm                %d sessions served, %d broken, %d connections to other addresses%n", farm.sessions(),
                farm.broken(), farm.strangers());
        out.printf("  retried             %d sessions took more than one attempt%n", retried);
        out.printf("  readings            %d published, %d stored (%s)%n", published, stored, stored >= published
                ? String.format("storage done %+.1f s after the due time", Duration.between(due, storedAt).toMillis() / 1000.0)
                : (published - stored) + " missing when the wait ended");
        if (heap.samples() > 0) {
            out.printf("  hub heap            max %s used, max %s committed, limit %s (%d samples)%n", PollbenchCommand.mib(heap.maxUsed()),
                    PollbenchCommand.mib(heap.maxCommitted()), PollbenchCommand.mib(heap.limit()), heap.samples());
        } else {
            out.printf("  hub heap            not read: %s%n", heap.problem());
        }
    }

    /**
     * Failed runs by reason, most frequent first. Addresses and ids differ from meter to meter, so
     * they are masked before grouping: what is left is the kind of failure.
     */
    private Map<String, Long> failureReasons() {
        Map<String, Long> byReason = new TreeMap<>();
        for (PollRuns.Run r : runs) {
            if (!"success".equals(r.outcome())) {
                String reason = r.error() == null ? "(no error recorded)" : r.error()
                        .replaceAll("\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?", "<address>")
                        .replaceAll("meter \\d+", "meter <id>");
                byReason.merge(reason, 1L, Long::sum);
            }
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        byReason.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
