package io.meterflow.hub.loadgen;

import java.util.ArrayList;
import java.util.List;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Push-to-commit latency: for a sample of pushes, a thread of its own watches the database until
 * the push's energy reading is visible, that is committed, and records how long that took. The
 * open watches are probed in rounds every few milliseconds, which bounds the resolution.
 */
final class LatencySampler extends Thread {

    private record Watch(String meter, long value, long sentNanos, long sentMicros) {
    }

    private final LinkedBlockingQueue<Watch> queue = new LinkedBlockingQueue<>();
    private final Histogram histogram = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    private final String url;
    private final String user;
    private final String password;
    private final long orgId;
    private volatile boolean finishing;

    LatencySampler(String url, String user, String password, long orgId) {
        super("loadgen-latency");
        setDaemon(true);
        this.url = url;
        this.user = user;
        this.password = password;
        this.orgId = orgId;
    }

    void watch(String meter, long value, long sentNanos) {
        java.time.Instant now = java.time.Instant.now();
        queue.add(new Watch(meter, value, sentNanos, now.getEpochSecond() * 1_000_000L + now.getNano() / 1000));
    }

    /** Waits for the watches still open (60 s at most) and returns the latencies in milliseconds. */
    Histogram finish() throws InterruptedException {
        finishing = true;
        join(TimeUnit.SECONDS.toMillis(90));
        synchronized (histogram) {
            return histogram.copy();
        }
    }

    /**
     * Polls by the reading table's key (meter, register, time) only: the meter's and the register's
     * ids are looked up once, and a push's reading is looked for among the meter's readings of
     * the seconds since it was sent (the simulated meters stamp their pushes with this box's
     * clock), so each probe reads a few index entries, not every reading the meter has.
     */
    @Override
    public void run() {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement meterId = c.prepareStatement("SELECT id FROM meter WHERE organization_id = ? AND external_ref = ?");
             PreparedStatement visible = c.prepareStatement("""
                     SELECT r.meter_id, r.value::bigint FROM unnest(?::bigint[], ?::numeric[], ?::bigint[]) AS w(meter_id, value, since)
                       JOIN reading r ON r.meter_id = w.meter_id AND r.value = w.value
                        AND r.ts >= 'epoch'::timestamptz + w.since * interval '1 microsecond'
                      WHERE r.register_id = ANY(?::bigint[])""")) {
            EnergyProbes.indexLookupsOnly(c);
            Object[] registers = new Object[0];
            // Every open watch is probed once a round, so a slow commit delays no other sample.
            java.util.List<Watch> open = new java.util.ArrayList<>();
            java.util.Map<String, Long> meterIds = new java.util.HashMap<>();
            while (true) {
                queue.drainTo(open);
                if (open.isEmpty()) {
                    Watch w = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (w == null) {
                        if (finishing) {
                            return;
                        }
                        continue;
                    }
                    open.add(w);
                }
                if (registers.length == 0) {
                    registers = EnergyProbes.registerIds(c, orgId);
                }
                // One statement a round for all open watches, and rounds spaced so that the
                // probing takes at most a tenth of a database core: the measurement must not load
                // the database it measures, least of all when commits lag and watches pile up.
                long roundStart = System.nanoTime();
                List<Long> meters = new ArrayList<>();
                List<Long> values = new ArrayList<>();
                List<Long> since = new ArrayList<>();
                for (java.util.Iterator<Watch> it = open.iterator(); it.hasNext(); ) {
                    Watch w = it.next();
                    if (roundStart > w.sentNanos() + TimeUnit.SECONDS.toNanos(60)) {
                        it.remove();
                        continue;
                    }
                    Long meter = meterIds.get(w.meter());
                    if (meter == null) {
                        meterId.setLong(1, orgId);
                        meterId.setString(2, w.meter());
                        try (ResultSet rs = meterId.executeQuery()) {
                            if (rs.next()) {
                                meter = rs.getLong(1);
                                meterIds.put(w.meter(), meter);
                            }
                        }
                    }
                    meters.add(meter == null ? -1L : meter);
                    values.add(w.value());
                    // the push is stamped with the meter's clock (hundredths of a second), read just before it was sent
                    since.add(w.sentMicros() - 2_000_000L);
                }
                java.util.Set<String> seen = new java.util.HashSet<>();
                if (!meters.isEmpty()) {
                    visible.setArray(1, c.createArrayOf("bigint", meters.toArray()));
                    visible.setArray(2, c.createArrayOf("bigint", values.toArray()));
                    visible.setArray(3, c.createArrayOf("bigint", since.toArray()));
                    visible.setArray(4, c.createArrayOf("bigint", registers));
                    try (ResultSet rs = visible.executeQuery()) {
                        while (rs.next()) {
                            seen.add(rs.getLong(1) + "/" + rs.getLong(2));
                        }
                    }
                }
                long now = System.nanoTime();
                for (java.util.Iterator<Watch> it = open.iterator(); it.hasNext(); ) {
                    Watch w = it.next();
                    Long meter = meterIds.get(w.meter());
                    if (meter != null && seen.contains(meter + "/" + w.value())) {
                        synchronized (histogram) {
                            histogram.recordValue(TimeUnit.NANOSECONDS.toMillis(now - w.sentNanos()));
                        }
                        it.remove();
                    }
                }
                Thread.sleep(Math.max(5, TimeUnit.NANOSECONDS.toMillis(9 * (now - roundStart))));
            }
        } catch (Exception e) {
            System.err.println("loadgen: latency sampling stopped: " + e);
        }
    }
}
