package io.meterflow.hub.loadgen;

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

    private record Watch(String meter, long value, long sentNanos) {
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
        queue.add(new Watch(meter, value, sentNanos));
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
     * Polls by the reading table's key (meter, register) only: the meter's and the register's ids
     * are looked up once, so each poll is one index probe and not a three-table join to plan,
     * which at a hundred polls a second loaded the database under test.
     */
    @Override
    public void run() {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement meterId = c.prepareStatement("SELECT id FROM meter WHERE organization_id = ? AND external_ref = ?");
             PreparedStatement registerIds = c.prepareStatement(
                     "SELECT coalesce(array_agg(id), '{}') FROM register WHERE organization_id = ? AND key = '1-0:1.8.0*255'");
             PreparedStatement visible = c.prepareStatement(
                     "SELECT 1 FROM reading WHERE meter_id = ? AND register_id = ANY(?) AND value = ?")) {
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
                    registerIds.setLong(1, orgId);
                    try (ResultSet rs = registerIds.executeQuery()) {
                        rs.next();
                        registers = (Object[]) rs.getArray(1).getArray();
                    }
                }
                java.sql.Array registerArray = c.createArrayOf("bigint", registers);
                for (java.util.Iterator<Watch> it = open.iterator(); it.hasNext(); ) {
                    Watch w = it.next();
                    if (System.nanoTime() > w.sentNanos() + TimeUnit.SECONDS.toNanos(60)) {
                        it.remove();
                        continue;
                    }
                    Long meter = meterIds.get(w.meter());
                    if (meter == null) {
                        meterId.setLong(1, orgId);
                        meterId.setString(2, w.meter());
                        try (ResultSet rs = meterId.executeQuery()) {
                            if (!rs.next()) {
                                continue;
                            }
                            meter = rs.getLong(1);
                            meterIds.put(w.meter(), meter);
                        }
                    }
                    visible.setLong(1, meter);
                    visible.setArray(2, registerArray);
                    visible.setLong(3, w.value());
                    try (ResultSet rs = visible.executeQuery()) {
                        if (rs.next()) {
                            synchronized (histogram) {
                                histogram.recordValue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - w.sentNanos()));
                            }
                            it.remove();
                        }
                    }
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            System.err.println("loadgen: latency sampling stopped: " + e);
        }
    }
}
