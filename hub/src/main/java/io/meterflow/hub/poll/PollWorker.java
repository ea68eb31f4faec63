package io.meterflow.hub.poll;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterflow.hub.amqp.ReadingPublisher;
import io.meterflow.hub.storage.ReadingStore;
import io.meterflow.hub.api.Meters;
import io.meterflow.hub.db.Tenancy;
import io.meterflow.hub.decode.MeterEvents;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Event;
import io.meterflow.model.Medium;
import io.meterflow.model.Reading;
import io.meterflow.model.ReadingBatch;
import io.meterflow.model.Telegram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs one poll job: reads the meter with the poller of its protocol, stores and publishes what
 * it read, and records the run and the meter's communication status, in one transaction.
 *
 * <p>Links are shared: an M-Bus gateway serves one meter at a time, a serial converter one
 * session. At most {@code meterflow.poll.per-link} sessions run against one endpoint at once,
 * across this hub's workers. A read that fails for want of an answer is retried with backoff; a
 * meter that failed {@code meterflow.poll.silent-after} times in a row is reported silent with an
 * event, and back when it answers again.
 */
@Component("pollWorker")
public class PollWorker {

    /** What became of a poll job, for the route's log. */
    public record Outcome(long meterId, String outcome, int readings, int attempts, String error) {
    }

    /** @param failuresBefore failed reads in a row before this one, to tell when a silent meter is back */
    private record Target(PollTarget target, String protocol, String medium, long profileId, String meterType,
                          java.math.BigDecimal ct, java.math.BigDecimal vt, int failuresBefore) {
    }

    private static final Logger log = LoggerFactory.getLogger(PollWorker.class);

    private final Tenancy tenancy;
    private final Meters meters;
    private final PollJobs jobs;
    private final ReadingPublisher readings;
    private final MeterEvents events;
    private final ObjectMapper json;
    private final io.meterflow.hub.decode.Normalizer normalizer;
    private final ReadingStore store;
    private final JdbcTemplate systemJdbc;
    private final Map<String, MeterPoller> pollers = new HashMap<>();
    private final Map<String, Semaphore> links = new ConcurrentHashMap<>();
    private final int perLink;
    private final int retries;
    private final Duration backoff;
    private final Duration timeout;
    private final int silentAfter;

    public PollWorker(Tenancy tenancy, Meters meters, PollJobs jobs, ReadingPublisher readings, MeterEvents events,
                      ObjectMapper json, List<MeterPoller> pollers, io.meterflow.hub.decode.Normalizer normalizer, ReadingStore store,
                      JdbcTemplate systemJdbc,
                      @Value("${meterflow.poll.per-link:1}") int perLink,
                      @Value("${meterflow.poll.retries:2}") int retries,
                      @Value("${meterflow.poll.backoff:2s}") Duration backoff,
                      @Value("${meterflow.poll.timeout:10s}") Duration timeout,
                      @Value("${meterflow.poll.silent-after:3}") int silentAfter) {
        this.tenancy = tenancy;
        this.meters = meters;
        this.jobs = jobs;
        this.readings = readings;
        this.events = events;
        this.json = json;
        this.normalizer = normalizer;
        this.store = store;
        this.systemJdbc = systemJdbc;
        pollers.forEach(p -> this.pollers.put(p.protocol(), p));
        this.perLink = perLink;
        this.retries = retries;
        this.backoff = backoff;
        this.timeout = timeout;
        this.silentAfter = silentAfter;
    }

    /** Entry point of the poll route. */
    public Outcome poll(byte[] body) throws InterruptedException {
        PollJobs.PollJob job = jobs.parse(body);
        Instant started = Instant.now();
        Target t;
        try {
            t = target(job);
        } catch (IllegalStateException notPollable) {
            record(job, started, "failure", notPollable.getMessage(), 0, 0);
            return new Outcome(job.meterId(), "failure", 0, 0, notPollable.getMessage());
        }
        if (t == null) {
            return new Outcome(job.meterId(), "skipped", 0, 0, "the meter no longer exists");
        }
        MeterPoller poller = pollers.get(t.protocol());
        Semaphore link = links.computeIfAbsent(t.target().host() + ":" + t.target().port(), k -> new Semaphore(perLink, true));
        Telegram telegram = null;
        String error = null;
        int attempts = 0;
        while (telegram == null && attempts <= retries) {
            if (attempts > 0) {
                Thread.sleep(backoff.multipliedBy(1L << (attempts - 1)).toMillis());
            }
            attempts++;
            if (!link.tryAcquire(timeout.toMillis() * 3, TimeUnit.MILLISECONDS)) {
                error = "the link " + t.target().host() + ":" + t.target().port() + " stayed busy";
                continue;
            }
            try {
                telegram = poller.poll(t.target());
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (DecodeException e) {
                error = "the meter's answer could not be decoded: " + e.getMessage();
                break; // the meter answers, but not so we understand it: retrying gives the same
            } catch (RuntimeException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                break;
            } finally {
                link.release();
            }
        }
        if (telegram == null) {
            failed(job, started, error, attempts);
            return new Outcome(job.meterId(), "failure", 0, attempts, error);
        }
        List<Reading> stamped = new ArrayList<>();
        java.time.ZoneId zone = io.meterflow.hub.decode.MeterClock.zoneFor(t.protocol(), t.target().zone().getId());
        telegram = withLocalTimes(telegram, zone);
        Instant at = telegram.meterTime() != null ? telegram.meterTime() : Instant.now();
        Instant lastProfile = null;
        for (Reading r : telegram.readings()) {
            if (r.timestamp() != null && (t.target().profileFrom() != null) && !r.timestamp().equals(telegram.meterTime())
                    && (lastProfile == null || r.timestamp().isAfter(lastProfile))) {
                lastProfile = r.timestamp();
            }
            stamped.add(r.withTimestampIfMissing(at));
        }
        stamped = normalizer.normalize(t.meterType(), t.ct(), t.vt(), stamped);
        ReadingBatch batch = stamped.isEmpty() ? null : ReadingBatch.of(job.organizationId(), job.meterId(), Medium.fromCode(t.medium()),
                "poll-" + t.protocol(), Instant.now(), stamped);
        List<MeterEvents.MeterEvent> evs = new ArrayList<>();
        for (Event e : telegram.events()) {
            evs.add(new MeterEvents.MeterEvent(e.code(), e.timestamp() != null ? e.timestamp() : at, "info", e.description(),
                    e.attributes()));
        }
        // Failures counted when the job looked the meter up: two reads of one meter at once may both report it back.
        if (t.failuresBefore() >= silentAfter) {
            evs.add(new MeterEvents.MeterEvent("meter_back", Instant.now(), "info",
                    "answers again after " + t.failuresBefore() + " failed reads", Map.of()));
        }
        succeeded(job, started, lastProfile, stamped.size(), attempts, batch, evs, "poll-" + t.protocol());
        return new Outcome(job.meterId(), "success", stamped.size(), attempts, null);
    }

    private static Telegram withLocalTimes(Telegram t, java.time.ZoneId zone) {
        if (zone == null) {
            return t;
        }
        List<Reading> readings = new ArrayList<>();
        for (Reading r : t.readings()) {
            readings.add(new Reading(r.register(), r.value(), r.unit(), io.meterflow.hub.decode.MeterClock.local(r.timestamp(), zone),
                    r.quality(), r.description()));
        }
        return new Telegram(t.protocol(), t.device(), io.meterflow.hub.decode.MeterClock.local(t.meterTime(), zone), readings,
                t.events(), null);
    }

    /*
     * The meter, its poll profile and its keys in one statement, outside any transaction, as the
     * hub: a look-up that names the job's organization itself. In an organization's transaction
     * (role, organization, two queries, commit) it took five round trips for every session.
     */
    private static final String TARGET = """
            SELECT m.protocol, m.endpoint, m.addressing::text AS addressing, m.timezone, m.medium, m.last_profile_at,
                   m.meter_type, m.ct_ratio, m.vt_ratio, m.consecutive_failures,
                   p.id AS profile_id, p.registers::text AS registers, p.load_profile, p.profile_obis, p.clock_sync,
                   p.allowed_drift_s, p.initial_lookback_s,
                   k.kinds, k.ciphertexts, k.nonces
              FROM meter m LEFT JOIN poll_profile p ON p.id = m.poll_profile_id
                   LEFT JOIN LATERAL (SELECT array_agg(kind) AS kinds, array_agg(encode(ciphertext, 'hex')) AS ciphertexts,
                                             array_agg(encode(nonce, 'hex')) AS nonces
                                        FROM meter_key WHERE meter_id = m.id) k ON true
             WHERE m.id = ? AND m.organization_id = ?""";

    private Target target(PollJobs.PollJob job) {
        List<Map<String, Object>> rows = systemJdbc.queryForList(TARGET, job.meterId(), job.organizationId());
        if (rows.isEmpty()) {
            return null;
        }
        Map<String, Object> r = rows.get(0);
        String protocol = (String) r.get("protocol");
        if (protocol == null || !pollers.containsKey(protocol)) {
            throw new IllegalStateException("meter " + job.meterId() + " cannot be polled: its protocol is "
                    + (protocol == null ? "not set" : "'" + protocol + "'") + "; polled protocols are " + pollers.keySet());
        }
        String endpoint = (String) r.get("endpoint");
        if (endpoint != null && endpoint.startsWith("serial:")) {
            // A port of this machine (serial:/dev/ttyUSB0): one session at a time on it, like any link.
            endpoint = endpoint.substring("serial:".length()) + ":0";
        }
        int colon = endpoint == null ? -1 : endpoint.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalStateException("meter " + job.meterId() + " cannot be polled: its endpoint must be host:port"
                    + " (or serial:<port> for DLMS over a local serial port), was "
                    + (endpoint == null ? "not set" : "'" + endpoint + "'"));
        }
        String host = endpoint.substring(0, colon).replaceFirst("^tcp://", "");
        int port;
        try {
            port = Integer.parseInt(endpoint.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("meter " + job.meterId() + " has the endpoint '" + endpoint + "': the port is not a number");
        }
        JsonNode addressing;
        List<String> registers = new ArrayList<>();
        try {
            addressing = json.readTree((String) r.get("addressing"));
            if (r.get("registers") != null) {
                json.readTree((String) r.get("registers")).forEach(n -> registers.add(n.asText()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("meter " + job.meterId() + " has unreadable addressing or registers");
        }
        boolean loadProfile = Boolean.TRUE.equals(r.get("load_profile"));
        Instant from = null;
        if (loadProfile) {
            Timestamp last = (Timestamp) r.get("last_profile_at");
            int lookback = r.get("initial_lookback_s") == null ? 86_400 : ((Number) r.get("initial_lookback_s")).intValue();
            from = last != null ? last.toInstant() : Instant.now().minusSeconds(lookback);
        }
        PollTarget target = new PollTarget(job.meterId(), host, port, addressing, ZoneId.of((String) r.get("timezone")),
                keysOf(job, r), registers, (String) r.get("profile_obis"), from,
                Boolean.TRUE.equals(r.get("clock_sync")),
                Duration.ofSeconds(r.get("allowed_drift_s") == null ? 10 : ((Number) r.get("allowed_drift_s")).intValue()),
                timeout);
        long profileId = r.get("profile_id") == null ? 0 : ((Number) r.get("profile_id")).longValue();
        return new Target(target, protocol, (String) r.get("medium"), profileId, (String) r.get("meter_type"),
                (java.math.BigDecimal) r.get("ct_ratio"), (java.math.BigDecimal) r.get("vt_ratio"),
                ((Number) r.get("consecutive_failures")).intValue());
    }

    private Map<String, byte[]> keysOf(PollJobs.PollJob job, Map<String, Object> row) {
        Map<String, byte[]> keys = new HashMap<>();
        try {
            if (row.get("kinds") instanceof java.sql.Array kinds) {
                String[] kind = (String[]) kinds.getArray();
                String[] ciphertext = (String[]) ((java.sql.Array) row.get("ciphertexts")).getArray();
                String[] nonce = (String[]) ((java.sql.Array) row.get("nonces")).getArray();
                java.util.HexFormat hex = java.util.HexFormat.of();
                for (int i = 0; i < kind.length; i++) {
                    keys.put(kind[i], meters.openKey(job.organizationId(), job.meterId(), kind[i], hex.parseHex(ciphertext[i]),
                            hex.parseHex(nonce[i])));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("meter " + job.meterId() + " has keys that cannot be read: " + e.getMessage(), e);
        }
        return keys;
    }

    /*
     * The run's bookkeeping is one transaction per poll job besides the look-up: the run and the
     * meter's communication status are written together. With a statement or two fewer per read and
     * one commit (a WAL flush) fewer, the database and the worker do less for every session.
     */

    private static final String INSERT_RUN = """
            INSERT INTO poll_run (organization_id, meter_id, started_at, finished_at, outcome, error, readings, reason, attempts)
            SELECT ?, ?, ?, now(), ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM meter WHERE id = ? FOR KEY SHARE)""";

    /** A run that never reached the meter (it cannot be polled): recorded, the meter's status left as it was. */
    private void record(PollJobs.PollJob job, Instant started, String outcome, String error, int count, int attempts) {
        tenancy.inOrganization(job.organizationId(), jdbc -> insertRun(jdbc, job, started, outcome, error, count, attempts));
    }

    private static int insertRun(JdbcTemplate jdbc, PollJobs.PollJob job, Instant started, String outcome, String error, int count,
                                 int attempts) {
        return jdbc.update(INSERT_RUN, job.organizationId(), job.meterId(), Timestamp.from(started), outcome, error, count,
                job.reason(), attempts, job.meterId());
    }

    /**
     * One transaction for a successful read: the meter's status, the run, and the readings, which
     * the worker stores itself; the reading batch (for other systems) and the events are published
     * and confirmed before the commit, so if the broker refuses them nothing is recorded and the
     * job is tried again.
     */
    private void succeeded(PollJobs.PollJob job, Instant started, Instant lastProfile, int count, int attempts, ReadingBatch batch,
                           List<MeterEvents.MeterEvent> evs, String source) {
        ReadingStore.Prepared prepared = batch == null ? null : store.prepare(batch);
        try {
            commitSuccess(job, started, lastProfile, count, attempts, batch, prepared, evs, source);
        } catch (RuntimeException e) {
            if (prepared == null || !store.partitionGone(e)) {
                throw e;
            }
            commitSuccess(job, started, lastProfile, count, attempts, batch, store.prepare(batch), evs, source);
        }
    }

    private void commitSuccess(PollJobs.PollJob job, Instant started, Instant lastProfile, int count, int attempts, ReadingBatch batch,
                               ReadingStore.Prepared prepared, List<MeterEvents.MeterEvent> evs, String source) {
        tenancy.inOrganization(job.organizationId(), jdbc -> {
            // The meter's status and the run in one statement. The update locks the meter to the
            // commit (poll_run and reading have no foreign keys): a meter deleted meanwhile waits,
            // then takes this run and these readings with it.
            int run = jdbc.update("""
                    WITH m AS (UPDATE meter SET last_contact_at = now(), last_success_at = now(), consecutive_failures = 0,
                                      last_poll_error = NULL, last_profile_at = coalesce(?, last_profile_at)
                                WHERE id = ? RETURNING id)
                    INSERT INTO poll_run (organization_id, meter_id, started_at, finished_at, outcome, readings, reason, attempts)
                    SELECT ?, m.id, ?, now(), 'success', ?, ?, ? FROM m""",
                    lastProfile == null ? null : Timestamp.from(lastProfile), job.meterId(), job.organizationId(),
                    Timestamp.from(started), count, job.reason(), attempts);
            if (run == 0) {
                log.info("Meter {} was deleted while it was read; what it answered is not kept", job.meterId());
                return 0;
            }
            // Stored first, so that readings the database refuses are never published.
            if (prepared != null) {
                store.writeWithin(jdbc, List.of(prepared));
            }
            if (batch != null) {
                readings.publish(List.of(batch));
            }
            events.publish(job.organizationId(), job.meterId(), source, evs);
            return run;
        });
    }

    private void failed(PollJobs.PollJob job, Instant started, String error, int attempts) {
        int now = tenancy.inOrganization(job.organizationId(), jdbc -> {
            insertRun(jdbc, job, started, "failure", error, 0, attempts);
            List<Integer> f = jdbc.queryForList("""
                    UPDATE meter SET consecutive_failures = consecutive_failures + 1, last_poll_error = ? WHERE id = ?
                    RETURNING consecutive_failures""", Integer.class, error, job.meterId());
            return f.isEmpty() ? 0 : f.get(0);
        });
        log.info("Poll of meter {} failed ({} in a row): {}", job.meterId(), now, error);
        if (now == silentAfter) {
            events.publish(job.organizationId(), job.meterId(), "poll", List.of(new MeterEvents.MeterEvent("meter_silent",
                    Instant.now(), "alarm", "no answer to " + now + " reads in a row: " + error, Map.of("lastError", String.valueOf(error)))));
        }
    }
}
