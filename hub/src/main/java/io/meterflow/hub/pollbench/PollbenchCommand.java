package io.meterflow.hub.pollbench;

import io.meterflow.hub.cli.HubApi;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meterflow pollbench}: one poll cycle of a farm of simulated DLMS meters through a running
 * hub's real scheduler and poll workers. It starts the farm in this process ({@link MeterFarm}: every
 * meter an address of its own on the loopback network, all behind one port), creates an
 * organization of its own, registers the meters through the REST API with their addressing, keys
 * and a poll profile (four registers, the load profile since a day back, the clock check), then
 * moves the profile's schedule so that every meter falls due at one moment a little ahead. The
 * hub's clustered dispatcher publishes the jobs and its workers read the meters (association,
 * registers, load profile, release); the benchmark waits until every meter has a finished poll run,
 * waits for storage, and reports sessions/s, failures by reason, session times, readings stored
 * and the largest heap the hub used. It deletes the poll profile at the end, so the meters are not
 * read again once the farm is gone.
 */
@Command(name = "pollbench", mixinStandardHelpOptions = true,
        description = "Poll a farm of simulated DLMS meters once through a running hub and measure the cycle.")
public class PollbenchCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The hub's HTTP address (default ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--key", required = true, description = "An admin API key; the run creates an organization of its own with it")
    String adminKey;

    @Option(names = "--jdbc-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/meterflow",
            description = "The hub's database, to follow the poll runs and count readings (default ${DEFAULT-VALUE})")
    String jdbcUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "(default ${DEFAULT-VALUE})")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "")
    String dbPassword;

    @Option(names = "--meters", defaultValue = "10000", description = "Simulated meters, at most 64000 (default ${DEFAULT-VALUE})")
    int meters;

    @Option(names = "--security", defaultValue = "hls",
            description = "How the meters are secured: none, low (a password per meter) or hls (HLS-GMAC and glo-ciphering,"
                    + " keys per meter) (default ${DEFAULT-VALUE})")
    String security;

    @Option(names = "--farm-port", defaultValue = "14059", description = "The farm's TCP port, on every meter address (default ${DEFAULT-VALUE})")
    int farmPort;

    @Option(names = "--farm-bind", defaultValue = "0.0.0.0",
            description = "Where the farm listens; the wildcard address answers for all meter addresses (default ${DEFAULT-VALUE})")
    String farmBind;

    @Option(names = "--farm-block", defaultValue = "77",
            description = "Meter i is reached at 127.<block>.<i / 250>.<1 + i %% 250> (default ${DEFAULT-VALUE})")
    int farmBlock;

    @Option(names = "--clients", defaultValue = "8", description = "REST calls at once while registering meters (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--farm-warmup", defaultValue = "20000",
            description = "At most this many sessions the farm serves to itself before the cycle, in rounds of 500 until the"
                    + " JIT has compiled its code, so that it takes no more of the box than it must while the hub is measured"
                    + " (default ${DEFAULT-VALUE}; 0: none)")
    int farmWarmUp;

    @Option(names = "--lead", defaultValue = "20s",
            description = "From the schedule change to the moment every meter is due; the hub's dispatcher must give every meter"
                    + " its time within it (default ${DEFAULT-VALUE})")
    String leadText;

    @Option(names = "--stall", defaultValue = "60s",
            description = "Give up on the cycle when no session has finished for this long (default ${DEFAULT-VALUE})")
    String stallText;

    @Option(names = "--settle", defaultValue = "180s",
            description = "How long to wait for storage after the last session (default ${DEFAULT-VALUE})")
    String settleText;

    // A flag of its own, not a negatable --load-profile: picocli 4.7 reads --no-x of an option that is true by default as true.
    @Option(names = "--registers-only",
            description = "Read the registers and the clock only, no load profile, to see what the profile's 96 readings a"
                    + " session cost")
    boolean registersOnly;

    @Option(names = "--keep-schedule", description = "Keep the poll profile after the run: the meters are then read again a day later")
    boolean keepSchedule;

    @Override
    public Integer call() throws Exception {
        Duration lead = duration(leadText, "--lead");
        Duration stall = duration(stallText, "--stall");
        Duration settle = duration(settleText, "--settle");
        if (lead == null || stall == null || settle == null) {
            return 2;
        }
        if (meters < 1 || meters > FarmAddresses.CAPACITY) {
            System.err.println("pollbench: --meters must be from 1 to " + FarmAddresses.CAPACITY);
            return 2;
        }
        FarmMeter.Security sec;
        try {
            sec = FarmMeter.Security.valueOf(security.toUpperCase());
        } catch (IllegalArgumentException e) {
            System.err.println("pollbench: --security must be none, low or hls, was '" + security + "'");
            return 2;
        }
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String run = Long.toHexString(System.currentTimeMillis() & 0xFFFFFFL);
        FarmAddresses addresses = new FarmAddresses(farmBlock);
        HubApi api = new HubApi(url);

        try (MeterFarm farm = new MeterFarm(addresses, meters, sec, secret)) {
            farm.start(farmBind, farmPort);
            System.out.printf("pollbench: %d simulated meters listening at 127.%d.0.1 to %s, port %d (%s)%n", meters, farmBlock,
                    addresses.host(meters - 1), farmPort, sec.name().toLowerCase());

            // 1. An organization of the run's own, a poll profile that is not due for a day, and the meters.
            JsonNode org = api.call("POST", "/api/v1/organizations", adminKey, Map.of("name", "pollbench " + run));
            long orgId = org.get("organization").get("id").asLong();
            String key = org.get("adminKey").get("key").asText();
            Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("name", "pollbench " + run);
            profile.put("schedule", dailyAt(Instant.now().minus(Duration.ofHours(1))));
            profile.put("registers", FarmMeter.REGISTERS.stream().map(Object::toString).toList());
            profile.put("loadProfile", !registersOnly);
            profile.put("profileObis", FarmMeter.LOAD_PROFILE.toString());
            profile.put("clockSync", true);
            profile.put("allowedDriftSeconds", 10);
            profile.put("initialLookbackSeconds", 86_400);
            long profileId = api.call("POST", "/api/v1/poll-profiles", key, profile).get("id").asLong();
            try {
                register(api, key, profileId, addresses, sec, secret, orgId);
                if (farmWarmUp > 0) {
                    long t0 = System.nanoTime();
                    int warm = farm.warmUp(farmWarmUp, farmPort, !registersOnly);
                    System.out.printf("pollbench: the farm served %d warm-up sessions of its own (%.1f s)%n", warm,
                            (System.nanoTime() - t0) / 1e9);
                }
                return cycle(api, key, profileId, orgId, farm, sec, lead, stall, settle);
            } finally {
                if (!keepSchedule) {
                    try {
                        api.call("DELETE", "/api/v1/poll-profiles/" + profileId, key, null);
                    } catch (Exception e) {
                        System.err.println("pollbench: the poll profile " + profileId + " could not be deleted (" + e.getMessage()
                                + "); delete it, or its meters are read again tomorrow");
                    }
                }
            }
        }
    }

    private void register(HubApi api, String key, long profileId, FarmAddresses addresses, FarmMeter.Security sec, byte[] secret,
                          long orgId) throws Exception {
        long t0 = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, clients));
        try {
            List<Future<?>> calls = new ArrayList<>(meters);
            for (int i = 0; i < meters; i++) {
                int meter = i;
                calls.add(pool.submit(() -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("externalRef", "pb-" + meter);
                    m.put("medium", "electricity");
                    m.put("protocol", "dlms");
                    m.put("deviceKey", FarmMeter.deviceKey(meter));
                    m.put("endpoint", addresses.host(meter) + ":" + farmPort);
                    m.put("timezone", "UTC");
                    m.put("addressing", FarmMeter.addressing(sec));
                    m.put("pollProfileId", profileId);
                    long id = api.call("POST", "/api/v1/meters", key, m).get("id").asLong();
                    for (Map.Entry<String, byte[]> k : FarmMeter.keys(sec, secret, meter).entrySet()) {
                        api.call("PUT", "/api/v1/meters/" + id + "/keys/" + k.getKey(), key,
                                Map.of("key", HexFormat.of().formatHex(k.getValue())));
                    }
                    int n = done.incrementAndGet();
                    if (n % 1000 == 0 && n < meters) {
                        System.out.printf("pollbench: registered %d of %d meters%n", n, meters);
                    }
                    return null;
                }));
            }
            for (Future<?> f : calls) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    throw e.getCause() instanceof Exception x ? x : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("pollbench: %d meters with addressing, keys and poll profile in organization %d (%.1f s)%n", meters, orgId,
                (System.nanoTime() - t0) / 1e9);
    }

    private int cycle(HubApi api, String key, long profileId, long orgId, MeterFarm farm, FarmMeter.Security sec, Duration lead,
                      Duration stall, Duration settle) throws Exception {
        // 2. Every meter due at one moment: on a 5-second boundary, as the hub's default dispatch runs every 5 s.
        long dueSecond = (Instant.now().plus(lead).getEpochSecond() + 4) / 5 * 5;
        Instant due = Instant.ofEpochSecond(dueSecond);
        api.call("PATCH", "/api/v1/poll-profiles/" + profileId, key, Map.of("schedule", dailyAt(due)));
        System.out.printf("pollbench: every meter is due at %s; the hub's dispatcher is giving them that time%n", due);
        try (PollRuns db = new PollRuns(jdbcUrl, dbUser, dbPassword, orgId)) {
            long scheduled = 0;
            while (Instant.now().isBefore(due.minusMillis(500))) {
                scheduled = db.dueAt(due);
                if (scheduled == meters) {
                    break;
                }
                Thread.sleep(250);
            }
            if (scheduled < meters) {
                System.err.printf("pollbench: the hub's dispatcher gave only %d of %d meters their time before %s;"
                        + " is polling enabled on the hub (meterflow.poll.enabled)? Else give a longer --lead%n", scheduled, meters, due);
                return 1;
            }
            System.out.printf("pollbench: all %d meters scheduled; waiting for %s%n", meters, due);

            // 3. The cycle: the dispatcher publishes the jobs, the workers read the meters.
            HeapWatch heap = new HeapWatch(api.url(), Duration.ofMillis(500));
            heap.start();
            sleepUntil(due);
            long lastFinished = -1;
            long lastChange = System.nanoTime();
            long lastProgress = System.nanoTime();
            long lastProgressFinished = 0;
            Instant allDispatched = null;
            PollRuns.Progress p;
            while (true) {
                p = db.progress(due);
                if (allDispatched == null && p.dispatched() >= meters) {
                    allDispatched = Instant.now();
                }
                long now = System.nanoTime();
                if (p.finished() != lastFinished) {
                    lastFinished = p.finished();
                    lastChange = now;
                }
                if (now - lastProgress >= 2_000_000_000L || p.finished() >= meters) {
                    double rate = (p.finished() - lastProgressFinished) / ((now - lastProgress) / 1e9);
                    lastProgress = now;
                    lastProgressFinished = p.finished();
                    System.out.printf("pollbench: +%5.1f s  dispatched %d  finished %d of %d (%d ok, %d failed)  %.0f sessions/s"
                                    + "  heap %s%n", Duration.between(due, Instant.now()).toMillis() / 1000.0, p.dispatched(),
                            p.finished(), meters, p.ok(), p.finished() - p.ok(), rate, mib(heap.lastUsed()));
                }
                if (p.finished() >= meters) {
                    break;
                }
                if (now - lastChange > stall.toNanos()) {
                    System.err.printf("pollbench: no session finished for %d s; reporting what finished%n", stall.toSeconds());
                    break;
                }
                Thread.sleep(500);
            }

            // 4. Storage catches up; then the report.
            List<PollRuns.Run> runs = db.runs();
            long published = runs.stream().filter(r -> "success".equals(r.outcome())).mapToLong(PollRuns.Run::readings).sum();
            long stored = 0;
            Instant storedAt = Instant.now();
            long settleEnd = System.nanoTime() + settle.toNanos();
            long lastStored = -1;
            long storedChange = System.nanoTime();
            while (System.nanoTime() < settleEnd) {
                stored = db.storedReadings();
                if (stored != lastStored) {
                    lastStored = stored;
                    storedChange = System.nanoTime();
                    storedAt = Instant.now();
                }
                if (stored >= published || System.nanoTime() - storedChange > 30_000_000_000L) {
                    break;
                }
                System.out.printf("pollbench: storage: %d of %d readings stored%n", stored, published);
                Thread.sleep(2000);
            }
            heap.finish();
            new CycleReport(meters, sec, !registersOnly, due, allDispatched, runs, published, stored, storedAt, farm, heap).print(System.out);
            long ok = runs.stream().filter(r -> "success".equals(r.outcome())).count();
            return ok == meters && stored >= published ? 0 : 1;
        }
    }

    /** A daily schedule at the time of day of {@code at} (UTC, the meters' time zone). */
    static String dailyAt(Instant at) {
        LocalTime t = LocalTime.ofInstant(at, ZoneOffset.UTC);
        return String.format("every 1d offset %dh%dm%ds", t.getHour(), t.getMinute(), t.getSecond());
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : (bytes >> 20) + " MiB";
    }

    /** A duration such as 20s, 2m or 1m30s; null, said on standard error, when it is not one. */
    private static Duration duration(String text, String option) {
        try {
            return Duration.parse("PT" + text.toUpperCase());
        } catch (RuntimeException e) {
            System.err.println("pollbench: " + option + " must be a duration such as 20s, 2m or 1m30s, was '" + text + "'");
            return null;
        }
    }
}
