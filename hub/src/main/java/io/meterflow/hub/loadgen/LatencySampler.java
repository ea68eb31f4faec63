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
 * watch polls every few milliseconds, which bounds the resolution.
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

    @Override
    public void run() {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement ps = c.prepareStatement("""
                     SELECT 1 FROM reading r JOIN meter m ON m.id = r.meter_id JOIN register g ON g.id = r.register_id
                      WHERE m.organization_id = ? AND m.external_ref = ? AND g.key = '1-0:1.8.0*255' AND r.value = ?""")) {
            while (true) {
                Watch w = queue.poll(200, TimeUnit.MILLISECONDS);
                if (w == null) {
                    if (finishing) {
                        return;
                    }
                    continue;
                }
                long deadline = w.sentNanos() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline) {
                    ps.setLong(1, orgId);
                    ps.setString(2, w.meter());
                    ps.setLong(3, w.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            synchronized (histogram) {
                                histogram.recordValue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - w.sentNanos()));
                            }
                            break;
                        }
                    }
                    Thread.sleep(5);
                }
            }
        } catch (Exception e) {
            System.err.println("loadgen: latency sampling stopped: " + e);
        }
    }
}
