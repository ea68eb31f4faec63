package io.meterflow.hub.pollbench;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.meterflow.dlms.client.ClientSettings;
import io.meterflow.dlms.client.DlmsClient;
import io.meterflow.dlms.client.PollSession;
import io.meterflow.dlms.client.WrapperTransport;
import io.meterflow.dlms.server.MeterSimulator;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Many simulated DLMS meters behind one TCP port: a listener on the wildcard address serves each
 * connection as the meter its local address names ({@link FarmAddresses}), with the wrapper
 * (IEC 62056-47), one thread per open connection. A poller holds only as many connections as it
 * has sessions running, so the farm needs threads for those, not for every meter. It counts the
 * sessions it served and how long each connection stayed open.
 */
final class MeterFarm implements Closeable {

    private final FarmAddresses addresses;
    private final int meters;
    private final FarmMeter.Security security;
    private final java.util.concurrent.atomic.AtomicReferenceArray<io.meterflow.dlms.server.ServerSettings> settings;
    private final byte[] secret;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pollbench-meter");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong broken = new AtomicLong();
    private final AtomicLong strangers = new AtomicLong();
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong mostOpen = new AtomicLong();
    /** Connection open time at the meter, microseconds. */
    private final Histogram connectionMicros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
    private ServerSocket server;

    /**
     * A meter's settings (its keys are derived with SHA-256), made at its first session and kept:
     * the farm shares the box with the hub it measures, so it should cost no more than it must.
     */
    private io.meterflow.dlms.server.ServerSettings settingsOf(int meter) {
        io.meterflow.dlms.server.ServerSettings known = settings.get(meter);
        if (known == null) {
            known = FarmMeter.settings(security, secret, meter);
            settings.set(meter, known);
        }
        return known;
    }

    MeterFarm(FarmAddresses addresses, int meters, FarmMeter.Security security, byte[] secret) {
        this.addresses = addresses;
        this.meters = meters;
        this.security = security;
        this.secret = secret;
        this.settings = new java.util.concurrent.atomic.AtomicReferenceArray<>(meters);
    }

    /** Listens on {@code bind:port}; the wildcard address (0.0.0.0) is what lets one socket answer for every meter address. */
    void start(String bind, int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        try {
            server.bind(new InetSocketAddress(bind, port), 1024);
        } catch (IOException e) {
            throw new IOException("the meter farm cannot listen on " + bind + ":" + port + " (" + e.getMessage()
                    + "); choose another --farm-port", e);
        }
        Thread accept = new Thread(this::acceptLoop, "pollbench-farm");
        accept.setDaemon(true);
        accept.start();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        long started = System.nanoTime();
        int meter = addresses.meterAt(s.getLocalAddress());
        try (s) {
            if (meter < 0 || meter >= meters) {
                // Not one of the farm's meters (the listener takes every address of the machine): as if nobody answered.
                strangers.incrementAndGet();
                return;
            }
            long now = open.incrementAndGet();
            mostOpen.accumulateAndGet(now, Math::max);
            s.setSoTimeout(30_000);
            s.setTcpNoDelay(true);
            MeterSimulator.serveWrapper(settingsOf(meter), FarmMeter.objects(meter, Instant.now()),
                    new BufferedInputStream(s.getInputStream()), s.getOutputStream());
            sessions.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            broken.incrementAndGet();
        } finally {
            if (meter >= 0 && meter < meters) {
                open.decrementAndGet();
                connectionMicros.recordValue(Math.min(connectionMicros.getHighestTrackableValue(),
                        (System.nanoTime() - started) / 1000));
            }
        }
    }

    /**
     * Reads the farm's meters from this process, as the hub will (association, registers, load
     * profile, release), in rounds of 500 sessions until the JIT compiler has settled (it spent
     * less than a twentieth of a round's time compiling) or {@code most} sessions were served,
     * and then forgets the counts. The farm is a new Java process for every cycle: without this,
     * its compiler threads took half a core in the cycle's first seconds (per-thread CPU from
     * /proc), taken from the hub it is there to measure. Real meters do not compile.
     *
     * @return the sessions that completed
     */
    int warmUp(int most, int port, boolean loadProfile) throws InterruptedException {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            int served = 0;
            while (served < most) {
                int round = Math.min(500, most - served);
                long compiling = jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
                long t0 = System.nanoTime();
                java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(round);
                for (int i = 0; i < round; i++) {
                    int meter = (served + i) % meters;
                    clients.execute(() -> {
                        try {
                            if (readOnce(meter, port, loadProfile)) {
                                done.incrementAndGet();
                            }
                        } finally {
                            finished.countDown();
                        }
                    });
                }
                finished.await(2, TimeUnit.MINUTES);
                served += round;
                long roundMillis = (System.nanoTime() - t0) / 1_000_000;
                if (!jit.isCompilationTimeMonitoringSupported() || (jit.getTotalCompilationTime() - compiling) * 20 < roundMillis) {
                    break;
                }
            }
        } finally {
            clients.shutdownNow();
        }
        // The farm's side of a session ends after the client's: wait for the last ones, so none
        // of them is counted as the cycle's.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (open.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        sessions.set(0);
        broken.set(0);
        mostOpen.set(0);
        connectionMicros.reset();
        return done.get();
    }

    private boolean readOnce(int meter, int port, boolean loadProfile) {
        Map<String, byte[]> keys = FarmMeter.keys(security, secret, meter);
        Map<String, Object> addressing = FarmMeter.addressing(security);
        ClientSettings client = new ClientSettings(settingsOf(meter).authentication(), keys.get("password"),
                security == FarmMeter.Security.HLS, ClientSettings.DEFAULT_SYSTEM_TITLE, keys.get("encryption"),
                keys.get("authentication"), 0xFFFF);
        PollSession session = new PollSession(FarmMeter.REGISTERS, loadProfile ? FarmMeter.LOAD_PROFILE : null,
                loadProfile ? Instant.now().minusSeconds(86_400) : null, false, java.time.Duration.ofSeconds(10), ZoneOffset.UTC);
        try (DlmsClient c = new DlmsClient(new WrapperTransport(addresses.host(meter), port,
                (Integer) addressing.get("clientAddress"), (Integer) addressing.get("serverAddress"), 10_000), client)) {
            c.associate();
            try {
                session.run(c);
            } finally {
                c.release();
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Sessions that ended with the client closing the connection. */
    long sessions() {
        return sessions.get();
    }

    /** Sessions that ended in an error on the meter's side (a broken or timed-out connection, a request it could not parse). */
    long broken() {
        return broken.get();
    }

    /** Connections to addresses that are not meters of the farm. */
    long strangers() {
        return strangers.get();
    }

    /** The most connections open at once. */
    long mostOpen() {
        return mostOpen.get();
    }

    Histogram connectionMicros() {
        return connectionMicros.copy();
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // already closed
        }
        threads.shutdownNow();
    }
}
