package io.meterflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.meterflow.hub.amqp.AmqpTopology;
import io.meterflow.hub.amqp.RawFrames;
import io.meterflow.hub.amqp.ReadingPublisher;
import io.meterflow.hub.api.Accounts;
import io.meterflow.hub.cli.JsonTestDecoder;
import io.meterflow.model.ReadingBatchCodec;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Frames travelling in batches: one message with good, broken, unknown, repeated frames and a
 * frame that cannot be stored; each frame ends with what its own content deserves, and the others
 * are stored once.
 */
class FrameBatchPathTest extends HubTest {

    @Autowired
    RawFrames raw;

    @Autowired
    ReadingPublisher publisher;

    @Autowired
    org.apache.camel.CamelContext camel;

    private static byte[] json(String serial, String value, String ts) {
        return ("{\"serial\":\"" + serial + "\",\"readings\":[{\"register\":\"1.8.0\",\"value\":\"" + value
                + "\",\"unit\":\"Wh\",\"timestamp\":\"" + ts + "\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    private RawFrames.Raw frame(byte[] payload, Long organization) {
        return new RawFrames.Raw("test-json", "batch-test", "batch-test " + UUID.randomUUID(), Instant.now(), organization, null, null,
                payload);
    }

    private String statusOf(byte[] payload) {
        return jdbc.queryForObject("SELECT string_agg(status, ',' ORDER BY id) FROM raw_frame WHERE payload = ?", String.class,
                (Object) payload);
    }

    @Test
    void eachFrameOfABatchGetsItsOwnOutcomeAndTheGoodOnesAreStoredOnce() {
        Accounts.NewOrganization org = newOrganization("Batch");
        String key = org.adminKey().key();
        String serial = "B" + UUID.randomUUID().toString().substring(0, 8);
        long meter = post("/api/v1/meters", key, toJson(Map.of("externalRef", serial, "medium", "electricity",
                "deviceKey", JsonTestDecoder.deviceKey(serial)))).json().get("id").asLong();
        String subscriber = subscribeReadings(org.organization().id());

        byte[] first = json(serial, "100", "2026-12-01T00:00:00Z");
        byte[] second = json(serial, "200", "2026-12-01T00:15:00Z");
        byte[] broken = ("{\"serial\":\"" + serial + "\",\"broken\":true,\"m\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] unknown = json("U" + UUID.randomUUID().toString().substring(0, 8), "7", "2026-12-01T00:00:00Z");
        // A meter's clock gone wrong: a reading the database cannot partition for.
        byte[] ancient = json(serial, "50", "1970-01-02T00:00:00Z");
        // A receiver configured for an organization that does not exist: only that frame is given up,
        // archived without the organization.
        byte[] orphan = json(serial, "300", "2026-12-01T00:30:00Z");
        // A reading the database refuses (by a check this test adds for the value 31337): the batch is
        // committed frame by frame and only that frame is given up.
        byte[] refused = json(serial, "31337", "2026-12-01T00:45:00Z");
        List<RawFrames.Raw> frames = new ArrayList<>(List.of(frame(first, null), frame(broken, null), frame(unknown, null),
                frame(second, null), frame(first, null), frame(orphan, 987_654_321L), frame(ancient, null), frame(refused, null)));
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION meterflow_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.value = 31337 THEN RAISE EXCEPTION 'reading value 31337 refused by the test'; END IF; RETURN NEW; END $$""");
        jdbc.execute("DROP TRIGGER IF EXISTS test_refuse ON reading");
        jdbc.execute("CREATE TRIGGER test_refuse BEFORE INSERT ON reading FOR EACH ROW EXECUTE FUNCTION meterflow_test_refuse()");
        try {
            raw.publish(frames);
            await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(orphan) != null && statusOf(refused) != null);
        } finally {
            jdbc.execute("DROP TRIGGER test_refuse ON reading");
            jdbc.execute("DROP FUNCTION meterflow_test_refuse()");
        }
        assertThat(statusOf(first)).isEqualTo("decoded,decoded");
        assertThat(statusOf(second)).isEqualTo("decoded");
        assertThat(statusOf(broken)).isEqualTo("failed");
        assertThat(jdbc.queryForObject("SELECT error FROM raw_frame WHERE payload = ?", String.class, (Object) broken))
                .isEqualTo("broken on purpose at byte 3");
        assertThat(jdbc.queryForObject("SELECT error_offset FROM raw_frame WHERE payload = ?", Integer.class, (Object) broken))
                .isEqualTo(3);
        assertThat(statusOf(unknown)).isEqualTo("staged");
        assertThat(statusOf(ancient)).isEqualTo("failed");
        assertThat(jdbc.queryForObject("SELECT error FROM raw_frame WHERE payload = ?", String.class, (Object) ancient))
                .startsWith("a reading of the frame cannot be stored: ").contains("1970-01-02T00:00:00Z");
        assertThat(statusOf(orphan)).isEqualTo("failed");
        assertThat(jdbc.queryForObject("SELECT error FROM raw_frame WHERE payload = ?", String.class, (Object) orphan))
                .isEqualTo("organization 987654321 named by the receiver does not exist");
        assertThat(jdbc.queryForObject("SELECT organization_id FROM raw_frame WHERE payload = ?", Long.class, (Object) orphan)).isNull();
        assertThat(statusOf(refused)).isEqualTo("failed");
        assertThat(jdbc.queryForObject("SELECT error FROM raw_frame WHERE payload = ?", String.class, (Object) refused))
                .startsWith("could not be stored: ").contains("reading value 31337 refused by the test");
        // 100 and 200 once each (the repeated frame adds nothing); the orphan's 300 is not stored.
        assertThat(storedReadings(meter)).isEqualTo(2L);
        assertThat(jdbc.queryForList("""
                SELECT r.value::text FROM reading r WHERE r.meter_id = ? ORDER BY r.ts""", String.class, meter))
                .containsExactly("100", "200");
        // Other systems get a batch per frame with readings.
        assertThat(batchFor(subscriber, meter).get("readings").get(0).get("value").asText()).isIn("100", "200");
        assertThat(batchFor(subscriber, meter).get("readings").get(0).get("value").asText()).isIn("100", "200");
    }

    @Test
    void aStoredBatchThatReachesTheStorageQueueByAHandMadeBindingIsNotStoredAgain() {
        Accounts.NewOrganization org = newOrganization("Feed loop");
        long meter = createMeter(org.adminKey().key(), "loop-1", "electricity");
        io.meterflow.model.ReadingBatch marked = batch(org.organization().id(), meter, "2026-12-02T00:00:00Z");
        MessageProperties props = new MessageProperties();
        props.setContentType("application/json");
        props.setHeader(ReadingPublisher.STORED, true);
        long consumed = storeRoute().getExchangesCompleted();
        rabbitTemplate.send(AmqpTopology.INGEST, ReadingPublisher.routingKey(marked), new Message(ReadingBatchCodec.toJson(marked), props));
        publisher.publishForStorage(List.of(batch(org.organization().id(), meter, "2026-12-02T00:15:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> storeRoute().getExchangesCompleted() >= consumed + 2
                && storedReadings(meter) == 1L);
        assertThat(jdbc.queryForObject("SELECT ts FROM reading WHERE meter_id = ?", java.sql.Timestamp.class, meter).toInstant())
                .isEqualTo(Instant.parse("2026-12-02T00:15:00Z"));
    }

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("oldStoreBindingRemoval")
    org.springframework.beans.factory.SmartInitializingSingleton oldStoreBindingRemoval;

    @Test
    void theStorageQueuesBindingToTheFeedThatEarlierVersionsMadeIsRemovedAtStart() {
        Accounts.NewOrganization org = newOrganization("Upgrade");
        long meter = createMeter(org.adminKey().key(), "upgrade-1", "electricity");
        // As an earlier version left the broker: meterflow.store bound to meterflow.readings.
        rabbitAdmin.declareBinding(new Binding(AmqpTopology.STORE_QUEUE, Binding.DestinationType.QUEUE, AmqpTopology.READINGS, "#",
                null));
        oldStoreBindingRemoval.afterSingletonsInstantiated();
        // A batch on the feed (without the stored mark, as another system might publish it) must not reach storage.
        MessageProperties props = new MessageProperties();
        props.setContentType("application/json");
        io.meterflow.model.ReadingBatch onFeed = batch(org.organization().id(), meter, "2026-12-03T00:00:00Z");
        long consumed = storeRoute().getExchangesCompleted();
        rabbitTemplate.send(AmqpTopology.READINGS, ReadingPublisher.routingKey(onFeed), new Message(ReadingBatchCodec.toJson(onFeed), props));
        publisher.publishForStorage(List.of(batch(org.organization().id(), meter, "2026-12-03T00:15:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 1L);
        assertThat(storeRoute().getExchangesCompleted()).isEqualTo(consumed + 1);
        assertThat(jdbc.queryForObject("SELECT ts FROM reading WHERE meter_id = ?", java.sql.Timestamp.class, meter).toInstant())
                .isEqualTo(Instant.parse("2026-12-03T00:15:00Z"));
    }

    private static io.meterflow.model.ReadingBatch batch(long org, long meter, String ts) {
        return io.meterflow.model.ReadingBatch.of(org, meter, io.meterflow.model.Medium.ELECTRICITY, "test", Instant.now(),
                List.of(io.meterflow.model.Reading.of("1-0:1.8.0*255", java.math.BigDecimal.TEN, io.meterflow.model.Unit.WATT_HOUR,
                        Instant.parse(ts))));
    }

    private org.apache.camel.api.management.mbean.ManagedRouteMBean storeRoute() {
        return camel.getCamelContextExtension().getContextPlugin(org.apache.camel.api.management.ManagedCamelContext.class)
                .getManagedRoute("store-readings");
    }
}
