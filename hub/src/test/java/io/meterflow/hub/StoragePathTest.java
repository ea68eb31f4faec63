package io.meterflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.meterflow.hub.amqp.AmqpTopology;
import io.meterflow.hub.amqp.ReadingPublisher;
import io.meterflow.hub.api.Accounts;
import io.meterflow.model.Medium;
import io.meterflow.model.Reading;
import io.meterflow.model.ReadingBatch;
import io.meterflow.model.Unit;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/** The storage path: meterflow.ingest -> meterflow.store -> PostgreSQL, once per key, poison set aside. */
class StoragePathTest extends HubTest {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    ReadingPublisher publisher;

    @Test
    void tenThousandReadingsWithTwentyPercentRepeatsStoreExactlyTheDistinctOnes() {
        Accounts.NewOrganization org = newOrganization("Dedup");
        String key = org.adminKey().key();
        long[] meters = {createMeter(key, "dedup-1", "electricity"), createMeter(key, "dedup-2", "electricity"),
                createMeter(key, "dedup-3", "gas"), createMeter(key, "dedup-4", "water")};
        String[] registers = {"1.8.0", "2.8.0", "1-0:1.7.0*255", "volume"};
        Random random = new Random(42);
        Instant start = Instant.parse("2026-10-30T00:00:00Z"); // spans a month boundary: two partitions

        List<Map<String, Object>> distinct = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        while (distinct.size() < 8_000) {
            long meter = meters[random.nextInt(meters.length)];
            String register = registers[random.nextInt(registers.length)];
            Instant ts = start.plusSeconds(900L * random.nextInt(20_000));
            if (keys.add(meter + "|" + register + "|" + ts)) {
                distinct.add(Map.of("meterId", meter, "register", register, "value", random.nextInt(1_000_000) + ".5",
                        "unit", "kWh", "timestamp", ts.toString()));
            }
        }
        List<Map<String, Object>> all = new ArrayList<>(distinct);
        for (int i = 0; i < 2_000; i++) {
            all.add(distinct.get(random.nextInt(distinct.size())));
        }
        java.util.Collections.shuffle(all, random);
        assertThat(all).hasSize(10_000);

        int accepted = 0;
        for (int from = 0; from < all.size(); from += 2_500) {
            Response r = post("/api/v1/readings", key, toJson(Map.of("readings", all.subList(from, from + 2_500))));
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            accepted += r.json().get("accepted").asInt();
        }
        assertThat(accepted).isEqualTo(10_000);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> totalStored(meters) == 8_000L);
        // The same request again, as a client that retries would send it: its batches are consumed
        // and nothing new is stored.
        long consumed = storeRoute().getExchangesCompleted();
        Response again = post("/api/v1/readings", key, toJson(Map.of("readings", all.subList(0, 2_500))));
        assertThat(again.status()).isEqualTo(202);
        int batches = again.json().get("batches").asInt();
        await().atMost(Duration.ofSeconds(30)).until(() -> storeRoute().getExchangesCompleted() >= consumed + batches);
        assertThat(totalStored(meters)).isEqualTo(8_000L);

        // And the values are the ones posted, converted from kWh to Wh.
        Map<String, Object> sample = distinct.get(17);
        BigDecimal stored = jdbc.queryForObject("""
                SELECT r.value FROM reading r JOIN register g ON g.id = r.register_id
                 WHERE r.meter_id = ? AND r.ts = ?::timestamptz AND g.key = ?""", BigDecimal.class,
                sample.get("meterId"), sample.get("timestamp"), fullRegister((String) sample.get("register"),
                        (Long) sample.get("meterId") == meters[2] ? 7 : (Long) sample.get("meterId") == meters[3] ? 8 : 1));
        assertThat(stored).isEqualByComparingTo(new BigDecimal((String) sample.get("value")).multiply(BigDecimal.valueOf(1000)));
    }

    @Test
    void poisonMessageIsDeadLetteredWithItsReasonAndTheNextMessageIsStored() {
        Accounts.NewOrganization org = newOrganization("Poison");
        long meter = createMeter(org.adminKey().key(), "poison-1", "electricity");
        String marker = "poison-" + UUID.randomUUID();

        MessageProperties props = new MessageProperties();
        props.setContentType("application/json");
        rabbit.send(AmqpTopology.INGEST, org.organization().id() + ".electricity." + meter,
                new Message(("{\"schema\":\"meterflow.readings/1\",\"marker\":\"" + marker + "\",\"readings\":[").getBytes(StandardCharsets.UTF_8), props));
        ReadingBatch unknownMeter = ReadingBatch.of(org.organization().id(), 999_999_999L, Medium.ELECTRICITY, "test",
                Instant.now(), List.of(Reading.of("1-0:1.8.0*255", BigDecimal.ONE, Unit.WATT_HOUR, Instant.now())));
        publisher.publishForStorage(List.of(unknownMeter));
        ReadingBatch good = ReadingBatch.of(org.organization().id(), meter, Medium.ELECTRICITY, "test", Instant.now(),
                List.of(Reading.of("1-0:1.8.0*255", new BigDecimal("42.125"), Unit.WATT_HOUR, Instant.parse("2026-12-01T00:00:00Z"))));
        publisher.publishForStorage(List.of(good));

        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 1L);
        assertThat(jdbc.queryForObject("SELECT value FROM reading WHERE meter_id = ?", BigDecimal.class, meter))
                .isEqualByComparingTo("42.125");

        Map<String, Message> dead = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Message m;
            while ((m = rabbit.receive(AmqpTopology.DEAD_QUEUE, 200)) != null) {
                String body = new String(m.getBody(), StandardCharsets.UTF_8);
                if (body.contains(marker)) {
                    dead.put("poison", m);
                } else if (body.contains(unknownMeter.batchId().toString())) {
                    dead.put("unknown", m);
                }
            }
            return dead.size() == 2;
        });
        String poisonReason = dead.get("poison").getMessageProperties().getHeader(AmqpTopology.ERROR_HEADER);
        assertThat(poisonReason).startsWith("MalformedBatchException").contains("malformed JSON");
        assertThat((String) dead.get("poison").getMessageProperties().getHeader(AmqpTopology.ORIGIN_HEADER)).isEqualTo("store-readings");
        assertThat((String) dead.get("unknown").getMessageProperties().getHeader(AmqpTopology.ERROR_HEADER))
                .contains("meter 999999999 does not exist in organization " + org.organization().id());
    }

    @Autowired
    io.meterflow.hub.storage.ReadingStore store;

    /**
     * Batches that arrive together share a commit; one that cannot be stored (its meter is not the
     * organization's) fails alone, and every other batch of the same rounds is stored, once, with
     * the count of its new readings.
     */
    @Test
    void concurrentBatchesShareCommitsAndABadOneFailsAlone() throws Exception {
        Accounts.NewOrganization a = newOrganization("Rounds A");
        Accounts.NewOrganization b = newOrganization("Rounds B");
        long meterA = createMeter(a.adminKey().key(), "round-a", "electricity");
        long meterB = createMeter(b.adminKey().key(), "round-b", "gas");
        Instant t0 = Instant.parse("2026-11-20T00:00:00Z");
        List<java.util.concurrent.Callable<Object>> work = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            boolean toA = i % 2 == 0;
            long org = toA ? a.organization().id() : b.organization().id();
            long meter = toA ? meterA : meterB;
            List<Reading> readings = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                readings.add(Reading.of("1-0:1.8.0*255", BigDecimal.valueOf(i * 100L + k), Unit.WATT_HOUR,
                        t0.plusSeconds(900L * (i * 10L + k))));
            }
            ReadingBatch batch = ReadingBatch.of(org, meter, toA ? Medium.ELECTRICITY : Medium.GAS, "test", Instant.now(), readings);
            work.add(() -> store.store(batch));
        }
        // organization A's batch naming organization B's meter: refused by row-level security
        ReadingBatch foreign = ReadingBatch.of(a.organization().id(), meterB, Medium.GAS, "test", Instant.now(),
                List.of(Reading.of("1-0:1.8.0*255", BigDecimal.ONE, Unit.WATT_HOUR, t0.minusSeconds(900))));
        work.add(32, () -> store.store(foreign));

        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<Object>> results = pool.invokeAll(work);
            int failed = 0;
            for (int i = 0; i < results.size(); i++) {
                try {
                    Object stored = results.get(i).get();
                    assertThat(((io.meterflow.hub.storage.ReadingStore.Stored) stored).inserted()).isEqualTo(10);
                } catch (java.util.concurrent.ExecutionException e) {
                    failed++;
                    assertThat(i).isEqualTo(32);
                    assertThat(e.getCause()).hasMessageContaining("meter " + meterB + " does not exist in organization "
                            + a.organization().id());
                }
            }
            assertThat(failed).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(storedReadings(meterA)).isEqualTo(320L);
        assertThat(storedReadings(meterB)).isEqualTo(320L);
        // the same batches again store nothing new
        assertThat(store.store(ReadingBatch.of(a.organization().id(), meterA, Medium.ELECTRICITY, "test", Instant.now(),
                List.of(Reading.of("1-0:1.8.0*255", BigDecimal.ZERO, Unit.WATT_HOUR, t0)))).inserted()).isZero();
    }

    /**
     * The readings of many meters are inserted without looking for stored ones first; a reading
     * stored before undoes that insert to a savepoint, and the batch is stored again skipping it,
     * in the same transaction.
     */
    @Test
    void readingsOfManyMetersWithOneStoredBeforeAreStoredOnceInTheSameTransaction() {
        Accounts.NewOrganization org = newOrganization("Twice");
        long orgId = org.organization().id();
        long first = createMeter(org.adminKey().key(), "twice-1", "electricity");
        long second = createMeter(org.adminKey().key(), "twice-2", "electricity");
        Instant t = Instant.parse("2026-11-29T00:00:00Z");
        ReadingBatch earlier = ReadingBatch.of(orgId, second, Medium.ELECTRICITY, "test", Instant.now(),
                List.of(Reading.of("1-0:1.8.0*255", BigDecimal.valueOf(7), Unit.WATT_HOUR, t)));
        assertThat(store.store(earlier).inserted()).isEqualTo(1);
        List<io.meterflow.hub.storage.ReadingStore.Prepared> both = List.of(
                store.prepare(twoReadings(orgId, first, t)), store.prepare(twoReadings(orgId, second, t)));
        long stored = tenancy.asSystem(jdbc -> {
            int n = store.writeWithin(jdbc, both);
            // the transaction goes on after the undone insert
            return n * 1000L + jdbc.queryForObject("SELECT count(*) FROM reading WHERE meter_id = ?", Long.class, second);
        });
        assertThat(stored).as("3 new readings, then 2 of the second meter seen in the same transaction").isEqualTo(3002L);
        assertThat(storedReadings(first)).isEqualTo(2L);
        assertThat(jdbc.queryForList("SELECT value::text FROM reading WHERE meter_id = ?", String.class, second))
                .as("the reading stored before is kept").containsExactlyInAnyOrder("7", "1");
        // Without a reading stored before, one insert stores all; a batch naming another
        // organization's meter, or a meter that is gone, stores nothing.
        Accounts.NewOrganization other = newOrganization("Twice, other");
        long foreign = createMeter(other.adminKey().key(), "twice-3", "electricity");
        List<io.meterflow.hub.storage.ReadingStore.Prepared> later = List.of(store.prepare(twoReadings(orgId, first, t.plusSeconds(3600))),
                store.prepare(twoReadings(orgId, foreign, t.plusSeconds(3600))), store.prepare(twoReadings(orgId, 999_999_999L,
                        t.plusSeconds(3600))), store.prepare(twoReadings(orgId, second, t.plusSeconds(3600))));
        int laterStored = tenancy.asSystem(jdbc -> store.writeWithin(jdbc, later));
        assertThat(laterStored).isEqualTo(4);
        assertThat(storedReadings(foreign)).isZero();
        assertThat(storedReadings(first)).isEqualTo(4L);
    }

    @Autowired
    org.apache.camel.CamelContext camel;

    private org.apache.camel.api.management.mbean.ManagedRouteMBean storeRoute() {
        return camel.getCamelContextExtension().getContextPlugin(org.apache.camel.api.management.ManagedCamelContext.class)
                .getManagedRoute("store-readings");
    }

    private long totalStored(long[] meters) {
        long n = 0;
        for (long m : meters) {
            n += storedReadings(m);
        }
        return n;
    }

    private static String fullRegister(String register, int obisA) {
        return io.meterflow.model.ObisCode.isValid(register) ? io.meterflow.model.ObisCode.parse(register, obisA, 0).toString() : register;
    }

    @Autowired
    io.meterflow.hub.db.Tenancy tenancy;

    /*
     * reading, poll_run and raw_frame have no foreign keys (V9): a deleted meter's readings and
     * runs must still go with it, its archived frames stay unlinked, and a writer must not store
     * readings for a meter that is gone.
     */
    @Test
    void aDeletedMeterTakesItsReadingsAndRunsAndNoneAreStoredForItAfterwards() {
        Accounts.NewOrganization org = newOrganization("Delete");
        long orgId = org.organization().id();
        String key = org.adminKey().key();
        long gone = createMeter(key, "D-1", "electricity");
        long kept = createMeter(key, "D-2", "electricity");
        Instant t = Instant.parse("2026-11-30T23:45:00Z");
        assertThat(store.store(twoReadings(orgId, gone, t)).inserted()).isEqualTo(2);
        assertThat(store.store(twoReadings(orgId, kept, t)).inserted()).isEqualTo(2);
        jdbc.update("INSERT INTO poll_run (organization_id, meter_id, started_at, outcome) VALUES (?, ?, now(), 'success')", orgId, gone);
        long frame = jdbc.queryForObject("""
                INSERT INTO raw_frame (organization_id, meter_id, protocol, transport, payload) VALUES (?, ?, 'dlms', 'udp', '\\x01')
                RETURNING id""", Long.class, orgId, gone);

        assertThat(call("DELETE", "/api/v1/meters/" + gone, key, null, null).status()).isEqualTo(204);

        assertThat(storedReadings(gone)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM poll_run WHERE meter_id = ?", Long.class, gone)).isZero();
        assertThat(jdbc.queryForObject("SELECT meter_id FROM raw_frame WHERE id = ?", Long.class, frame)).isNull();
        assertThat(storedReadings(kept)).isEqualTo(2);

        // The decode and poll workers' write: the gone meter's readings are skipped, the other's stored.
        Instant later = t.plus(Duration.ofMinutes(15));
        int written = tenancy.asSystem(jdbc -> store.writeWithin(jdbc,
                List.of(store.prepare(twoReadings(orgId, gone, later)), store.prepare(twoReadings(orgId, kept, later)))));
        assertThat(written).isEqualTo(2);
        assertThat(storedReadings(gone)).isZero();
        assertThat(storedReadings(kept)).isEqualTo(4);
    }

    @Test
    void subSecondTimesAreStoredToTheMicrosecond() {
        Accounts.NewOrganization org = newOrganization("Micros");
        long meter = createMeter(org.adminKey().key(), "U-1", "electricity");
        Instant t = Instant.parse("2026-11-15T10:20:30.123456Z");
        ReadingBatch batch = twoReadings(org.organization().id(), meter, t);
        int written = tenancy.asSystem(jdbc -> store.writeWithin(jdbc, List.of(store.prepare(batch))));
        assertThat(written).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT ts FROM reading WHERE meter_id = ?", java.sql.Timestamp.class, meter))
                .extracting(java.sql.Timestamp::toInstant).containsOnly(t);
        Instant received = jdbc.queryForObject("SELECT min(received_at) FROM reading WHERE meter_id = ?", java.sql.Timestamp.class,
                meter).toInstant();
        assertThat(Duration.between(received, batch.receivedAt()).abs()).isLessThanOrEqualTo(Duration.ofNanos(500));
    }

    private static ReadingBatch twoReadings(long org, long meter, Instant at) {
        return ReadingBatch.of(org, meter, Medium.ELECTRICITY, "test", Instant.now(), List.of(
                Reading.of("1-0:1.8.0*255", BigDecimal.TEN, Unit.WATT_HOUR, at),
                Reading.of("1-0:2.8.0*255", BigDecimal.ONE, Unit.WATT_HOUR, at)));
    }
}
