package io.meterflow.hub.pollbench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The hub's Java heap while the cycle runs, sampled from its actuator
 * ({@code /actuator/metrics/jvm.memory.used?tag=area:heap}, and the committed heap beside it):
 * the largest values seen. Heap in use rises until a collection, so its maximum is the peak
 * the hub needed at most, the committed maximum what it took from the machine.
 */
final class HeapWatch extends Thread {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String url;
    private final long intervalMillis;
    private volatile boolean stopping;
    private volatile long lastUsed = -1;
    private volatile long maxUsed = -1;
    private volatile long maxCommitted = -1;
    private volatile long limit = -1;
    private volatile long samples;
    private volatile String problem;

    HeapWatch(String hubUrl, Duration interval) {
        super("pollbench-heap");
        setDaemon(true);
        this.url = hubUrl;
        this.intervalMillis = interval.toMillis();
    }

    @Override
    public void run() {
        while (!stopping) {
            try {
                long used = value("jvm.memory.used");
                long committed = value("jvm.memory.committed");
                if (limit < 0) {
                    limit = value("jvm.memory.max");
                }
                lastUsed = used;
                maxUsed = Math.max(maxUsed, used);
                maxCommitted = Math.max(maxCommitted, committed);
                samples++;
            } catch (Exception e) {
                problem = e.getMessage();
            }
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private long value(String metric) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/metrics/" + metric + "?tag=area:heap"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /actuator/metrics/" + metric + " answered " + r.statusCode()
                    + " (the hub must expose the metrics endpoint: management.endpoints.web.exposure.include)");
        }
        JsonNode m = json.readTree(r.body()).path("measurements");
        for (JsonNode n : m) {
            if ("VALUE".equals(n.path("statistic").asText())) {
                return (long) n.path("value").asDouble();
            }
        }
        throw new IllegalStateException(metric + " has no value");
    }

    void finish() throws InterruptedException {
        stopping = true;
        interrupt();
        join(10_000);
    }

    /** Bytes at the last sample, or -1 when the hub's actuator did not answer (then {@link #problem()} says why). */
    long lastUsed() {
        return lastUsed;
    }

    long maxUsed() {
        return maxUsed;
    }

    long maxCommitted() {
        return maxCommitted;
    }

    /** The hub's heap limit (-Xmx), or -1 when it has none or it was not read. */
    long limit() {
        return limit;
    }

    long samples() {
        return samples;
    }

    String problem() {
        return problem;
    }
}
