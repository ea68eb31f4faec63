package io.meterflow.hub.storage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.meterflow.hub.db.BinaryCopy;
import io.meterflow.hub.db.ReadingPartitions;
import io.meterflow.hub.db.Tenancy;
import io.meterflow.model.MalformedBatchException;
import io.meterflow.model.Quality;
import io.meterflow.model.Reading;
import io.meterflow.model.ReadingBatch;
import io.meterflow.model.Unit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes reading batches from {@code meterflow.store} to PostgreSQL.
 *
 * <p>One batch is one multi-row insert (arrays unnested server-side), with {@code ON CONFLICT DO
 * NOTHING} on the (meter, register, time) key: a batch that is delivered twice, or readings
 * repeated inside a batch, are stored once. The work runs in the batch's organization, so
 * row-level security also guards the write path. The route acknowledges the AMQP message only
 * after this method returns, that is after commit.
 *
 * <p>Commits are grouped: the batches that storage workers bring while one commit runs are
 * written together in the next transaction (one JDBC batch per organization), since a commit
 * costs more than the insert of a batch. A batch that fails in a group is retried alone, so one
 * bad batch never takes the others with it.
 */
@Component("readingStore")
public class ReadingStore {

    /** Readings outside these years are a meter's clock gone wrong, not data to partition for. */
    public static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    public static boolean storable(Instant ts) {
        return !ts.isBefore(EARLIEST) && ts.isBefore(LATEST);
    }

    /*
     * The reading table has no foreign keys (migration V9: checking them row by row made
     * concurrent writers contend for the same register and meter rows). Instead each insert
     * locks the meters it writes for, once, and writes nothing for a meter that is gone: a meter
     * deleted meanwhile waits for this transaction, and then its readings are deleted with it.
     */
    private static final String INSERT = """
            WITH live AS (SELECT id FROM meter WHERE id = ? FOR KEY SHARE)
            INSERT INTO reading (organization_id, meter_id, register_id, ts, value, quality, received_at)
            SELECT ?, live.id, r.register_id, 'epoch'::timestamptz + r.us * interval '1 microsecond', r.value,
                   string_to_array(r.quality, ','), 'epoch'::timestamptz + r.received_us * interval '1 microsecond'
              FROM live, unnest(?::bigint[], ?::bigint[], ?::numeric[], ?::text[], ?::bigint[])
                   AS r(register_id, us, value, quality, received_us)
            ON CONFLICT (meter_id, register_id, ts) DO NOTHING
            """;

    private final Tenancy tenancy;
    private final ReadingPartitions partitions;
    private final Cache<RegisterKey, Long> registerIds = Caffeine.newBuilder().maximumSize(200_000).build();
    /** Meters confirmed to exist in their organization; short-lived so a deleted meter is noticed. */
    private final Cache<MeterKey, Boolean> knownMeters = Caffeine.newBuilder()
            .maximumSize(1_000_000).expireAfterWrite(java.time.Duration.ofMinutes(1)).build();

    /** Batches waiting to be committed together, and the lock whose holder commits them. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Waiting> waiting = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private final int maxRound;

    public ReadingStore(Tenancy tenancy, ReadingPartitions partitions,
                        @org.springframework.beans.factory.annotation.Value("${meterflow.store.round:100}") int maxRound) {
        this.tenancy = tenancy;
        this.partitions = partitions;
        this.maxRound = Math.max(1, maxRound);
    }

    /**
     * A register of an organization. Looked up for every reading, so equals and hashCode are
     * written out: the record's generated ones went through method handles that the JIT did not
     * inline, a tenth of the hub's CPU in a poll cycle (JFR).
     */
    static final class RegisterKey {
        final long organizationId;
        final String key;
        final Unit unit;
        private final int hash;

        RegisterKey(long organizationId, String key, Unit unit) {
            this.organizationId = organizationId;
            this.key = key;
            this.unit = unit;
            this.hash = (Long.hashCode(organizationId) * 31 + key.hashCode()) * 31 + unit.ordinal();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RegisterKey k && k.hash == hash && k.organizationId == organizationId && k.unit == unit
                    && k.key.equals(key);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    record MeterKey(long organizationId, long meterId) {
    }

    /** Outcome of one batch, for the route's log and metrics. */
    public record Stored(String batchId, int received, int inserted) {
    }

    public Stored store(ReadingBatch batch) {
        try {
            return storeOnce(batch);
        } catch (org.springframework.dao.DataAccessException e) {
            // A partition dropped since this hub created it (retention by hand): forget what we
            // knew of partitions and try once more, which creates it again.
            if (e.getMessage() != null && e.getMessage().contains("no partition of relation")) {
                partitions.forget();
                return storeOnce(batch);
            }
            throw e;
        }
    }

    /**
     * True, with what this hub knew of partitions forgotten, when {@code e} says a reading's
     * partition is missing (dropped by hand since this hub created it): prepared again, the batch
     * creates it anew.
     */
    public boolean partitionGone(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("no partition of relation")) {
                partitions.forget();
                return true;
            }
        }
        return false;
    }

    private Stored storeOnce(ReadingBatch batch) {
        if (batch.readings().isEmpty()) {
            return new Stored(batch.batchId().toString(), 0, 0);
        }
        Waiting mine = new Waiting(prepare(batch));
        waiting.add(mine);
        lock.lock();
        try {
            // Whoever holds the lock commits what is waiting; a batch committed in an earlier
            // round is found done when its thread gets the lock.
            while (!mine.done) {
                commitRound();
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return new Stored(batch.batchId().toString(), batch.readings().size(), mine.inserted);
    }

    /**
     * As {@link #INSERT}, for the readings of many meters, locked beforehand ({@link #LOCK_METERS}):
     * the fall-back of their copy when a reading was stored before, skipping those stored.
     * Times travel as microseconds since the epoch: turning a {@code Timestamp} into text for a
     * timestamptz array cost the hub more than a tenth of a poll session (a JFR profile of
     * pollbench).
     */
    private static final String INSERT_MANY = """
            INSERT INTO reading (organization_id, meter_id, register_id, ts, value, quality, received_at)
            SELECT ?, r.meter_id, r.register_id, 'epoch'::timestamptz + r.us * interval '1 microsecond', r.value,
                   string_to_array(r.quality, ','), 'epoch'::timestamptz + r.received_us * interval '1 microsecond'
              FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::numeric[], ?::text[], ?::bigint[])
                   AS r(meter_id, register_id, us, value, quality, received_us)
            ON CONFLICT (meter_id, register_id, ts) DO NOTHING
            """;

    /*
     * The meters of a batch of many, locked (as the caller, before the tenants' role) one by one by
     * id, so that the only plan is a probe of the primary key per meter, whatever the planner knows
     * of the table. Locked in the insert through a join under row-level security, on a database
     * without statistics, the plan read and hashed every meter of the organization through the
     * index that begins with it, for each batch: 10 000 rows for 200 meters, 12.8 ms of a 46 ms
     * insert (EXPLAIN ANALYZE). Locked with "id = ANY(?)", the plan PostgreSQL kept from when the
     * meter table was small was a sequential scan comparing every meter's id with each of the
     * batch's: 15 % of the database's CPU in a push benchmark (perf: ExecEvalScalarArrayOp, int8eq).
     * Whether each meter belongs to the batch's organization is checked on what this returns. Only
     * batches of two meters or more come here; a single meter (a poll session's) is locked by
     * {@link #INSERT} itself.
     */
    private static final String LOCK_METERS = """
            SELECT m.id, m.organization_id FROM unnest(?::bigint[]) AS u(id),
                   LATERAL (SELECT id, organization_id FROM meter WHERE id = u.id FOR KEY SHARE) AS m""";

    /** SQLSTATE of a unique violation: a reading of the batch was stored before. */
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Readings of many meters, prepared with {@link #prepare} before the transaction and written
     * in the caller's transaction, as its last work; for readings of several meters that
     * transaction must still be the hub's (not switched to a tenant). The decode workers store the
     * readings of a batch of frames this way, in the transaction that archives the frames; the
     * poll workers a read's, in the transaction that records the run. Readings of a meter that is gone, or is not the batch's organization's, are
     * not written. Returns how many readings were new.
     *
     * <p>A single meter's readings (a poll session's) are one {@link #INSERT} under the
     * organization's row-level security. Many meters' are locked ({@link #LOCK_METERS}), checked
     * against their organizations here, and copied in one binary {@code COPY}, as the hub: row-level
     * security does not allow {@code COPY FROM}, and the check it would make is the one just made.
     * Pushed readings are new but for the rare frame that comes twice, so the copy does not look
     * for stored ones; should one have been stored before, the copy is undone to a savepoint and the
     * readings inserted again skipping those stored ({@link #INSERT_MANY}, per organization, under
     * its row-level security), in the same transaction.
     */
    public int writeWithin(JdbcTemplate jdbc, List<Prepared> batches) {
        Set<Long> meterIds = new LinkedHashSet<>();
        batches.forEach(p -> meterIds.add(p.batch().meterId()));
        if (meterIds.size() == 1) {
            long meterId = meterIds.iterator().next();
            return insertPerOrganization(jdbc, batches, INSERT, meterId);
        }
        Map<Long, Long> organizationOf = lockMeters(jdbc, meterIds);
        List<Prepared> theirs = new ArrayList<>(batches.size());
        for (Prepared p : batches) {
            if (Long.valueOf(p.batch().organizationId()).equals(organizationOf.get(p.batch().meterId()))) {
                theirs.add(p);
            }
        }
        if (theirs.isEmpty()) {
            return 0;
        }
        Integer copied = jdbc.execute((java.sql.Connection c) -> {
            java.sql.Savepoint before = c.setSavepoint();
            try {
                int count = copy(c, theirs);
                c.releaseSavepoint(before);
                return count;
            } catch (java.sql.SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                c.rollback(before);
                return null;
            }
        });
        return copied != null ? copied : insertPerOrganization(jdbc, theirs, INSERT_MANY, null);
    }

    /** The readings in one binary COPY; returns how many rows it wrote. */
    private static int copy(java.sql.Connection c, List<Prepared> batches) throws java.sql.SQLException {
        BinaryCopy rows = new BinaryCopy();
        for (Prepared p : batches) {
            long organizationId = p.batch().organizationId();
            long meterId = p.batch().meterId();
            long received = micros(p.batch().receivedAt());
            for (int i = 0; i < p.registers().length; i++) {
                String quality = p.qualities()[i];
                rows.row(7).int8(organizationId).int8(meterId).int8(p.registers()[i].longValue()).timestamptz(p.times()[i])
                        .numeric(p.values()[i]).textArray(quality == null ? null : quality.split(",")).timestamptz(received);
            }
        }
        return (int) rows.copyInto(c, "reading", "(organization_id, meter_id, register_id, ts, value, quality, received_at)");
    }

    /**
     * The readings, one statement per organization under its row-level security (this switches
     * the transaction to the tenants' role): {@link #INSERT} for {@code meterId}, or
     * {@link #INSERT_MANY} when it is null.
     */
    private int insertPerOrganization(JdbcTemplate jdbc, List<Prepared> batches, String sql, Long meterId) {
        Map<Long, List<Prepared>> byOrganization = new java.util.TreeMap<>();
        for (Prepared p : batches) {
            byOrganization.computeIfAbsent(p.batch().organizationId(), k -> new ArrayList<>()).add(p);
        }
        int inserted = 0;
        for (Map.Entry<Long, List<Prepared>> org : byOrganization.entrySet()) {
            tenancy.switchTo(jdbc, org.getKey());
            int n = 0;
            for (Prepared p : org.getValue()) {
                n += p.registers().length;
            }
            Long[] meters = new Long[n];
            Long[] registers = new Long[n];
            Long[] times = new Long[n];
            BigDecimal[] values = new BigDecimal[n];
            String[] qualities = new String[n];
            Long[] received = new Long[n];
            int k = 0;
            for (Prepared p : org.getValue()) {
                Long at = micros(p.batch().receivedAt());
                for (int i = 0; i < p.registers().length; i++, k++) {
                    meters[k] = p.batch().meterId();
                    registers[k] = p.registers()[i];
                    times[k] = p.times()[i];
                    values[k] = p.values()[i];
                    qualities[k] = p.qualities()[i];
                    received[k] = at;
                }
            }
            long organizationId = org.getKey();
            inserted += jdbc.execute((java.sql.Connection c) ->
                    insert(c, sql, meterId, organizationId, meters, registers, times, values, qualities, received));
        }
        return inserted;
    }

    /** Locks the meters ({@link #LOCK_METERS}) and returns the organization of each that exists. */
    private static Map<Long, Long> lockMeters(JdbcTemplate jdbc, Set<Long> ids) {
        return jdbc.execute((java.sql.Connection c) -> {
            Map<Long, Long> organizationOf = new HashMap<>();
            try (var ps = c.prepareStatement(LOCK_METERS)) {
                ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        organizationOf.put(rs.getLong(1), rs.getLong(2));
                    }
                }
            }
            return organizationOf;
        });
    }

    /** One of the inserts: {@link #INSERT} for {@code meterId}, or one of many meters' when it is null. */
    private static int insert(java.sql.Connection c, String sql, Long meterId, long organizationId, Long[] meters,
                              Long[] registers, Long[] times, BigDecimal[] values, String[] qualities, Long[] received)
            throws java.sql.SQLException {
        try (var ps = c.prepareStatement(sql)) {
            int at = 1;
            if (meterId != null) {
                ps.setLong(at++, meterId);
                ps.setLong(at++, organizationId);
            } else {
                ps.setLong(at++, organizationId);
                ps.setArray(at++, c.createArrayOf("bigint", meters));
            }
            ps.setArray(at++, c.createArrayOf("bigint", registers));
            ps.setArray(at++, c.createArrayOf("bigint", times));
            ps.setArray(at++, c.createArrayOf("numeric", values));
            ps.setArray(at++, c.createArrayOf("text", qualities));
            ps.setArray(at, c.createArrayOf("bigint", received));
            return ps.executeUpdate();
        }
    }

    /**
     * A batch checked and turned into the insert's arrays, before any transaction; {@code times}
     * in microseconds since the epoch, the database's own precision.
     */
    public record Prepared(ReadingBatch batch, Long[] registers, Long[] times, BigDecimal[] values, String[] qualities) {
    }

    /** Microseconds since the epoch, rounded to the nearest as the JDBC driver rounds a Timestamp. */
    public static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), (t.getNano() + 500) / 1000);
    }

    /** A batch waiting for a commit round; its fields are written and read under {@link #lock}. */
    private static final class Waiting {
        final Prepared prepared;
        boolean done;
        int inserted;
        RuntimeException failure;

        Waiting(Prepared prepared) {
            this.prepared = prepared;
        }
    }

    /**
     * Checks a batch and turns it into the insert's arrays: its registers get ids (new ones are
     * committed on their own) and the partitions of its months exist. Outside any transaction.
     */
    public Prepared prepare(ReadingBatch batch) {
        int n = batch.readings().size();
        Long[] times = new Long[n];
        Set<YearMonth> months = new HashSet<>(4);
        // Readings of a batch mostly fall in one month: work the month out only when a time leaves it.
        long monthStart = Long.MAX_VALUE;
        long monthEnd = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            Instant ts = timestampOf(batch, i);
            times[i] = micros(ts);
            long second = ts.getEpochSecond();
            if (second < monthStart || second >= monthEnd) {
                YearMonth month = ReadingPartitions.monthOf(ts);
                months.add(month);
                monthStart = month.atDay(1).toEpochSecond(java.time.LocalTime.MIDNIGHT, java.time.ZoneOffset.UTC);
                monthEnd = month.plusMonths(1).atDay(1).toEpochSecond(java.time.LocalTime.MIDNIGHT, java.time.ZoneOffset.UTC);
            }
        }
        partitions.ensure(months);
        Map<RegisterKey, Long> ids = registerIds(batch);
        Long[] registers = new Long[n];
        BigDecimal[] values = new BigDecimal[n];
        String[] qualities = new String[n];
        for (int i = 0; i < n; i++) {
            Reading r = batch.readings().get(i);
            registers[i] = ids.get(new RegisterKey(batch.organizationId(), r.register(), r.unit()));
            values[i] = r.value();
            qualities[i] = r.quality().isEmpty() ? null
                    : r.quality().stream().map(Quality::name).collect(Collectors.joining(","));
        }
        return new Prepared(batch, registers, times, values, qualities);
    }

    /**
     * Commits the waiting batches (at most {@code meterflow.store.round}) in one transaction, each
     * batch one statement of one JDBC batch per organization. If that transaction fails, each
     * batch is committed on its own, so that only a batch that cannot be stored fails.
     */
    private void commitRound() {
        List<Waiting> round = new ArrayList<>();
        Waiting w;
        while (round.size() < maxRound && (w = waiting.poll()) != null) {
            round.add(w);
        }
        if (round.isEmpty()) {
            return;
        }
        try {
            int[] counts = write(round);
            for (int i = 0; i < round.size(); i++) {
                round.get(i).inserted = counts[i];
            }
        } catch (RuntimeException groupFailure) {
            if (round.size() == 1) {
                round.get(0).failure = groupFailure;
            } else {
                for (Waiting alone : round) {
                    try {
                        alone.inserted = write(List.of(alone))[0];
                    } catch (RuntimeException e) {
                        alone.failure = e;
                    }
                }
            }
        }
        round.forEach(each -> each.done = true);
    }

    /** One transaction; returns how many readings of each batch were new. */
    private int[] write(List<Waiting> round) {
        Map<Long, List<Integer>> byOrganization = new java.util.TreeMap<>();
        for (int i = 0; i < round.size(); i++) {
            byOrganization.computeIfAbsent(round.get(i).prepared.batch().organizationId(), k -> new ArrayList<>()).add(i);
        }
        int[] counts = new int[round.size()];
        tenancy.inOrganizations((jdbc, useOrganization) -> {
            for (Map.Entry<Long, List<Integer>> org : byOrganization.entrySet()) {
                useOrganization.accept(org.getKey());
                for (int i : org.getValue()) {
                    requireMeter(jdbc, round.get(i).prepared.batch());
                }
                jdbc.execute((java.sql.Connection c) -> {
                    try (var ps = c.prepareStatement(INSERT)) {
                        for (int i : org.getValue()) {
                            Prepared p = round.get(i).prepared;
                            ps.setLong(1, p.batch().meterId());
                            ps.setLong(2, p.batch().organizationId());
                            Long[] received = new Long[p.registers().length];
                            java.util.Arrays.fill(received, micros(p.batch().receivedAt()));
                            ps.setArray(3, c.createArrayOf("bigint", p.registers()));
                            ps.setArray(4, c.createArrayOf("bigint", p.times()));
                            ps.setArray(5, c.createArrayOf("numeric", p.values()));
                            ps.setArray(6, c.createArrayOf("text", p.qualities()));
                            ps.setArray(7, c.createArrayOf("bigint", received));
                            ps.addBatch();
                        }
                        int[] done = ps.executeBatch();
                        List<Integer> indexes = org.getValue();
                        for (int k = 0; k < indexes.size(); k++) {
                            counts[indexes.get(k)] = done[k];
                        }
                    }
                    return null;
                });
            }
            return null;
        });
        return counts;
    }

    /** A reading without its own time is taken at the time the batch was received. */
    private static Instant timestampOf(ReadingBatch batch, int i) {
        Instant ts = batch.readings().get(i).timestamp();
        Instant t = ts != null ? ts : batch.receivedAt();
        if (!storable(t)) {
            throw new MalformedBatchException("readings[" + i + "].timestamp", t + " is outside " + EARLIEST + " .. " + LATEST);
        }
        return t;
    }

    private void requireMeter(JdbcTemplate jdbc, ReadingBatch batch) {
        MeterKey key = new MeterKey(batch.organizationId(), batch.meterId());
        if (knownMeters.getIfPresent(key) != null) {
            return;
        }
        // Under row-level security this finds the meter only if it belongs to the batch's organization.
        List<Long> found = jdbc.queryForList("SELECT id FROM meter WHERE id = ?", Long.class, batch.meterId());
        if (found.isEmpty()) {
            throw new MalformedBatchException("meterId", "meter " + batch.meterId() + " does not exist in organization "
                    + batch.organizationId());
        }
        knownMeters.put(key, Boolean.TRUE);
    }

    /**
     * The ids of the batch's registers, creating those not seen before. New registers are
     * committed in a transaction of their own before the readings, so an id in the cache always
     * names a committed row.
     */
    private Map<RegisterKey, Long> registerIds(ReadingBatch batch) {
        Map<RegisterKey, Long> ids = new HashMap<>();
        Map<RegisterKey, String> missing = new HashMap<>();
        for (Reading r : batch.readings()) {
            RegisterKey k = new RegisterKey(batch.organizationId(), r.register(), r.unit());
            if (ids.containsKey(k) || missing.containsKey(k)) {
                continue;
            }
            Long id = registerIds.getIfPresent(k);
            if (id != null) {
                ids.put(k, id);
            } else {
                missing.put(k, r.description());
            }
        }
        if (!missing.isEmpty()) {
            List<RegisterKey> keys = new ArrayList<>(missing.keySet());
            String[] names = keys.stream().map(k -> k.key).toArray(String[]::new);
            String[] units = keys.stream().map(k -> k.unit.symbol()).toArray(String[]::new);
            String[] descriptions = keys.stream().map(missing::get).toArray(String[]::new);
            tenancy.inOrganization(batch.organizationId(), jdbc -> jdbc.execute((java.sql.Connection c) -> {
                try (var ps = c.prepareStatement("""
                        INSERT INTO register (organization_id, key, unit, description)
                        SELECT ?, k, u, d FROM unnest(?::text[], ?::text[], ?::text[]) AS x(k, u, d)
                        ON CONFLICT (organization_id, key, unit) DO NOTHING""")) {
                    ps.setLong(1, batch.organizationId());
                    ps.setArray(2, c.createArrayOf("text", names));
                    ps.setArray(3, c.createArrayOf("text", units));
                    ps.setArray(4, c.createArrayOf("text", descriptions));
                    ps.executeUpdate();
                }
                try (var ps = c.prepareStatement("""
                        SELECT r.id, r.key, r.unit FROM register r
                          JOIN unnest(?::text[], ?::text[]) AS x(k, u) ON r.key = x.k AND r.unit = x.u""")) {
                    ps.setArray(1, c.createArrayOf("text", names));
                    ps.setArray(2, c.createArrayOf("text", units));
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Unit unit = Unit.fromSymbol(rs.getString(3));
                            RegisterKey k = new RegisterKey(batch.organizationId(), rs.getString(2), unit);
                            ids.put(k, rs.getLong(1));
                        }
                    }
                }
                return null;
            }));
            ids.forEach(registerIds::put);
        }
        return ids;
    }
}
