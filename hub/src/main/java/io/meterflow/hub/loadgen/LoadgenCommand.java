package io.meterflow.hub.loadgen;

import io.meterflow.hub.cli.HubApi;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meterflow loadgen}: simulated DLMS meters push at a target rate for a duration against a
 * running hub, over UDP, TCP (wrapper) or HTTP frames; then it counts what PostgreSQL stored and
 * reports offered, accepted, stored, lost and duplicated readings, readings/s sustained and
 * push-to-commit latency percentiles. With {@code --baseline}, it also times a PostgreSQL COPY of
 * the same number of reading rows into the same table, the storage limit of the machine, and gives
 * the hub's figure as a ratio of it. It creates an organization of its own for every run.
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true,
        description = "Push simulated DLMS meter data at a running hub and measure what is stored.")
public class LoadgenCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The hub's HTTP address (default ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--key", required = true, description = "An admin API key; the run creates an organization of its own with it")
    String adminKey;

    @Option(names = "--jdbc-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/meterflow", description = "The hub's database, to count what was stored")
    String jdbcUrl;

    @Option(names = "--db-user", defaultValue = "postgres")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "")
    String dbPassword;

    @Option(names = "--transport", defaultValue = "udp", description = "udp, tcp or http (default ${DEFAULT-VALUE})")
    String transport;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "The hub's receiver host")
    String host;

    @Option(names = "--port", defaultValue = "4059", description = "The DLMS receiver port (UDP and TCP)")
    int port;

    @Option(names = "--meters", defaultValue = "1000")
    int meters;

    @Option(names = "--registers", defaultValue = "10", description = "Readings per push")
    int registers;

    @Option(names = "--rate", defaultValue = "500", description = "Pushes per second, all meters together (at most one per meter and second)")
    int rate;

    @Option(names = "--duration", defaultValue = "30s", description = "How long to push, e.g. 60s")
    String durationText;

    // A plain flag rather than a negatable --[no-]ciphered: picocli 4.7 reads --no-ciphered of an
    // option that defaults to true as true.
    @Option(names = "--plain", description = "Push unciphered data-notifications (default: general-glo-ciphering with per-meter keys)")
    boolean plain;

    @Option(names = "--baseline", description = "Also time a PostgreSQL COPY of as many reading rows")
    boolean baseline;

    @Option(names = "--settle", defaultValue = "60s", description = "How long to wait for storage to catch up after pushing")
    String settleText;


    @Override
    public Integer call() throws Exception {
        Duration duration = Duration.parse("PT" + durationText.toUpperCase());
        Duration settle = Duration.parse("PT" + settleText.toUpperCase());
        if (rate > meters) {
            System.err.println("loadgen: --rate " + rate + " exceeds --meters " + meters + ": each meter pushes at most once a second");
            return 2;
        }
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        String run = Long.toHexString(System.currentTimeMillis() & 0xFFFFFFL);

        // 1. An organization of the run's own, its meters (CSV import) and their keys.
        HubApi api = new HubApi(url);
        JsonNode org = api.call("POST", "/api/v1/organizations", adminKey, java.util.Map.of("name", "loadgen " + run));
        long orgId = org.get("organization").get("id").asLong();
        String key2 = org.get("adminKey").get("key").asText();
        List<SimulatedMeter> fleet = new ArrayList<>(meters);
        StringBuilder csv = new StringBuilder("externalRef,medium,protocol,deviceKey\n");
        byte[] prefix = HexFormat.of().parseHex(String.format("%06x", Integer.parseInt(run, 16) & 0xFFFFFF));
        for (int i = 0; i < meters; i++) {
            byte[] st = {'L', 'G', prefix[0], prefix[1], prefix[2], (byte) (i >> 16), (byte) (i >> 8), (byte) i};
            SimulatedMeter m = new SimulatedMeter(st, key, registers);
            fleet.add(m);
            csv.append("lg-").append(i).append(",electricity,dlms,").append(m.deviceKey()).append('\n');
        }
        api.send("POST", "/api/v1/meters/import", key2, "text/csv", csv.toString());
        boolean ciphered = !plain;
        if (ciphered) {
            String hex = HexFormat.of().formatHex(key);
            long t0 = System.nanoTime();
            List<Long> ids = meterIds(orgId);
            for (int i = 0; i < ids.size(); i++) {
                api.call("PUT", "/api/v1/meters/" + ids.get(i) + "/keys/encryption", key2, java.util.Map.of("key", hex));
                api.call("PUT", "/api/v1/meters/" + ids.get(i) + "/keys/authentication", key2, java.util.Map.of("key", hex));
                if (i % 1000 == 999) {
                    System.out.printf("loadgen: keys for %d of %d meters%n", i + 1, ids.size());
                }
            }
            System.out.printf("loadgen: %d meters with keys in organization %d (%.1f s)%n", ids.size(), orgId,
                    (System.nanoTime() - t0) / 1e9);
        }

        // 2. Push at the rate for the duration.
        Sender sender = switch (transport) {
            case "udp" -> new UdpSender(host, port);
            case "tcp" -> new TcpSender(host, port);
            case "http" -> new HttpSender(api, key2);
            default -> throw new IllegalArgumentException("--transport must be udp, tcp or http");
        };
        AtomicLong offered = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        LatencySampler sampler = new LatencySampler(jdbcUrl, dbUser, dbPassword, orgId);
        sampler.start();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long intervalNanos = 1_000_000_000L / rate;
        long next = start;
        int cursor = 0;
        long lastProgress = start;
        try (sender) {
            while (System.nanoTime() < end) {
                long now = System.nanoTime();
                if (now < next) {
                    // Never spin: above 5 000 pushes/s the gap was under the old 0.2 ms threshold and
                    // loadgen spun a whole core of the box it measures. A late wake-up only means
                    // the pushes that fell due meanwhile go out back to back.
                    java.util.concurrent.locks.LockSupport.parkNanos(next - now);
                    continue;
                }
                SimulatedMeter m = fleet.get(cursor);
                cursor = (cursor + 1) % fleet.size();
                byte[] frame = m.nextPush(ciphered);
                offered.incrementAndGet();
                if (sender.send(frame)) {
                    accepted.incrementAndGet();
                }
                if (offered.get() % 97 == 1) { // the first push too, so a short run has a sample
                    sampler.watch("lg-" + (cursor == 0 ? fleet.size() - 1 : cursor - 1), m.lastEnergy(), System.nanoTime());
                }
                next += intervalNanos;
                if (now - lastProgress > 1_000_000_000L) {
                    lastProgress = now;
                    System.out.printf("loadgen: %5.1f s  offered %d pushes (%d readings)  accepted %d%n", (now - start) / 1e9,
                            offered.get(), offered.get() * registers, accepted.get());
                }
            }
            sender.flush();
        }
        double pushSeconds = (System.nanoTime() - start) / 1e9;

        // 3. Wait for storage, then count.
        long expected = accepted.get() * registers;
        long stored = 0;
        long settleEnd = System.nanoTime() + settle.toNanos();
        long lastChange = System.nanoTime();
        long storedAtNanos = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
             LastPushProbe probe = new LastPushProbe(jdbcUrl, dbUser, dbPassword, orgId, fleet, "lg-")) {
            // First until every meter's last push is stored (an index probe per meter), then by
            // counting: another push of a meter may be committed after its last, in another batch.
            int pushedMeters = probe.pushed();
            int lastSeen = -1;
            while (System.nanoTime() < settleEnd) {
                int seen = probe.stored();
                if (seen != lastSeen) {
                    lastSeen = seen;
                    lastChange = System.nanoTime();
                    storedAtNanos = lastChange;
                }
                // The last pushes come last out of a backlog, so the probe may see none for a while.
                if (seen >= pushedMeters || System.nanoTime() - lastChange > 30_000_000_000L) {
                    break;
                }
                Thread.sleep(250);
            }
            System.out.printf("loadgen: the last pushes of %d of %d meters stored %.1f s after the first push; counting%n", lastSeen,
                    pushedMeters, (storedAtNanos - start) / 1e9);
            long lastCount = count(c, "SELECT count(*) FROM reading WHERE organization_id = ?", orgId);
            lastChange = System.nanoTime();
            while (lastCount < expected && System.nanoTime() < settleEnd && System.nanoTime() - lastChange < 5_000_000_000L) {
                Thread.sleep(1000);
                long now = count(c, "SELECT count(*) FROM reading WHERE organization_id = ?", orgId);
                if (now != lastCount) {
                    lastCount = now;
                    lastChange = System.nanoTime();
                    storedAtNanos = lastChange;
                }
            }
            // rows and distinct keys in one snapshot (storage may still be committing)
            long[] snapshot = countStoredAndDistinct(c, orgId);
            stored = snapshot[0];
            long distinct = snapshot[1];
            Histogram latency = sampler.finish();
            double sustainedSeconds = (storedAtNanos - start) / 1e9;
            System.out.println();
            System.out.println("loadgen report (" + transport + (ciphered ? ", ciphered" : "") + ", " + meters + " meters, "
                    + registers + " readings per push)");
            System.out.printf("  pushed for          %.1f s at %d pushes/s target%n", pushSeconds, rate);
            System.out.printf("  offered             %d pushes, %d readings%n", offered.get(), offered.get() * registers);
            System.out.printf("  accepted            %d pushes, %d readings%n", accepted.get(), expected);
            System.out.printf("  stored              %d readings%n", stored);
            System.out.printf("  lost                %d readings%s%n", Math.max(0, expected - stored),
                    stored < expected ? " (not stored when the settle time ended: lost, or still queued)" : "");
            System.out.printf("  duplicated          %d readings%n", stored - distinct);
            System.out.printf("  sustained           %.0f readings/s (stored / time from the first push to the last commit)%n",
                    stored / sustainedSeconds);
            if (latency.getTotalCount() > 0) {
                System.out.printf("  push-to-commit      p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (%d samples)%n",
                        latency.getValueAtPercentile(50), latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
                        latency.getMaxValue(), latency.getTotalCount());
            }
            if (baseline) {
                double sustained = stored / sustainedSeconds;
                long rows = Math.max(stored, 10_000);
                double shaped = CopyBaseline.runShaped(c, orgId, rows);
                System.out.printf("  COPY baseline       %.0f rows/s into reading, shaped as the run's (its meters and registers, second"
                        + " by second, into the month it wrote); the hub sustained %.1f%% of it%n", shaped, 100.0 * sustained / shaped);
                double oneSeries = CopyBaseline.run(c, orgId, rows);
                System.out.printf("  COPY, one series    %.0f rows/s into reading (one meter's one register in time order, into empty"
                        + " months); the hub sustained %.1f%% of it%n", oneSeries, 100.0 * sustained / oneSeries);
            }
        }
        return stored >= expected ? 0 : 1;
    }

    private List<Long> meterIds(long orgId) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
             PreparedStatement ps = c.prepareStatement("SELECT id FROM meter WHERE organization_id = ? ORDER BY id")) {
            ps.setLong(1, orgId);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    private static long[] countStoredAndDistinct(Connection c, long orgId) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*), count(DISTINCT (meter_id, register_id, ts)) FROM reading WHERE organization_id = ?")) {
            ps.setLong(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private static long count(Connection c, String sql, long orgId) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    interface Sender extends AutoCloseable {
        boolean send(byte[] frame) throws Exception;

        default void flush() throws Exception {
        }
    }

    static final class UdpSender implements Sender {
        private final DatagramSocket socket = new DatagramSocket();
        private final InetSocketAddress to;

        UdpSender(String host, int port) throws Exception {
            this.to = new InetSocketAddress(host, port);
        }

        @Override
        public boolean send(byte[] frame) throws Exception {
            socket.send(new DatagramPacket(frame, frame.length, to));
            return true;
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** A few connections carry all meters' wrapper frames, as a concentrator would. */
    static final class TcpSender implements Sender {
        private final List<Socket> sockets = new ArrayList<>();
        private final List<OutputStream> outs = new ArrayList<>();
        private int next;

        TcpSender(String host, int port) throws Exception {
            for (int i = 0; i < 8; i++) {
                Socket s = new Socket(host, port);
                s.setTcpNoDelay(true);
                sockets.add(s);
                outs.add(new java.io.BufferedOutputStream(s.getOutputStream(), 64 * 1024));
            }
        }

        @Override
        public boolean send(byte[] frame) throws Exception {
            OutputStream o = outs.get(next);
            next = (next + 1) % outs.size();
            o.write(frame);
            // Sent now, as a meter would: buffering here would count as latency of the hub.
            o.flush();
            return true;
        }

        @Override
        public void flush() throws Exception {
            for (OutputStream o : outs) {
                o.flush();
            }
        }

        @Override
        public void close() throws Exception {
            flush();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    /** POST /api/v1/frames in batches of 100; a frame counts as accepted when its batch got 202. */
    final class HttpSender implements Sender {
        private final HubApi api;
        private final String key;
        private final List<String> batch = new ArrayList<>();

        HttpSender(HubApi api, String key) {
            this.api = api;
            this.key = key;
        }

        @Override
        public boolean send(byte[] frame) throws Exception {
            batch.add(Base64.getEncoder().encodeToString(frame));
            if (batch.size() >= 100) {
                flush();
            }
            return true;
        }

        @Override
        public void flush() throws Exception {
            if (batch.isEmpty()) {
                return;
            }
            StringBuilder b = new StringBuilder("{\"frames\":[");
            for (int i = 0; i < batch.size(); i++) {
                b.append(i == 0 ? "" : ",").append("{\"protocol\":\"dlms\",\"base64\":\"").append(batch.get(i)).append("\"}");
            }
            b.append("]}");
            batch.clear();
            api.send("POST", "/api/v1/frames", key, "application/json", b.toString());
        }

        @Override
        public void close() throws Exception {
            flush();
        }
    }
}
