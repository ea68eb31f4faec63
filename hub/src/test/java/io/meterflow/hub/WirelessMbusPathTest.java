package io.meterflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterflow.hub.amqp.AmqpTopology;
import io.meterflow.hub.api.Accounts;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Real wireless M-Bus telegrams from the conformance data, end to end: over HTTP with a meter
 * type's register mapping, and encrypted over MQTT with the meter's key; read back through the
 * REST API, and the reading batch seen by a consumer of its own bound to meterflow.readings.
 */
class WirelessMbusPathTest extends HubTest {

    /** Kamstrup MULTICAL heat meter, wmbusmeters kamheat.jsonl, not encrypted. */
    private static final String KAMHEAT = "5e442d2c4024418535047ae10050252f2f04fB091300000004167500000004ff2200000000043ca3010000"
            + "02599c1d025dB00e844014000000008480401400000000042eB9000000026c0534426c013444fB0900000000543c000000002f2f";
    /** Kaden water meter, wmbusmeters kadenwater.jsonl, AES (mode 5). */
    private static final String KADEN = "4e448e2c1782221901077ab5004005339341ab7927f9337cd2175b2f0d121d9a56cbf3fcfcbf0d8ca57d0c6741a0"
            + "3a666d99467924a6dbf4de305960917afde729ac19d62a789dce1c66a323cc29cd";
    private static final String KADEN_KEY = "82B0551191F51D66EFCDAB8967452301";

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    private long meter(String key, Map<String, Object> fields) {
        Response r = post("/api/v1/meters", key, toJson(fields));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @Test
    void aHeatMeterTelegramOverHttpIsMappedByItsMeterTypeAndPublishedToSubscribers() {
        String deviceKey = "wmbus:KAM:85412440:53:heat";
        jdbc.update("DELETE FROM meter WHERE device_key = ?", deviceKey);
        Accounts.NewOrganization org = newOrganization("wM-Bus HTTP");
        String key = org.adminKey().key();
        // A subscriber of this organization's heat readings, as another system would bind one.
        AnonymousQueue queue = new AnonymousQueue();
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(AmqpTopology.READINGS))
                .with(org.organization().id() + ".heat.#"));

        Response unknownType = post("/api/v1/meters", key, toJson(Map.of("externalRef", "x", "medium", "heat", "meterType", "nope")));
        assertThat(unknownType.json().get("field").asText()).isEqualTo("meterType");
        // The meter's clock runs in Oslo time: its telegram's date records are read in that zone.
        long meter = meter(key, Map.of("externalRef", "heat-1", "medium", "heat", "protocol", "wmbus", "deviceKey", deviceKey,
                "meterType", "kamstrup-multical-heat", "timezone", "Europe/Oslo"));
        assertThat(post("/api/v1/frames", key, toJson(Map.of("protocol", "wmbus", "hex", KAMHEAT))).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) > 0);
        JsonNode latest = get("/api/v1/meters/" + meter + "/readings/latest", key).json().get("items");
        Map<String, String> values = new HashMap<>();
        latest.forEach(r -> values.put(r.get("register").asText() + "@" + r.get("timestamp").asText(),
                r.get("value").asText() + " " + r.get("unit").asText()));
        // 19 GJ of heat energy, mapped to 6-0:1.0.0 and converted to Wh by the meter type.
        assertThat(new BigDecimal(values.get("6-0:1.0.0*255@2024-04-04T22:00:00Z").split(" ")[0]))
                .isEqualByComparingTo(new BigDecimal("19000000000").divide(BigDecimal.valueOf(3600), java.math.MathContext.DECIMAL128));
        assertThat(values.get("6-0:10.0.0*255@2024-04-04T22:00:00Z")).isEqualTo("75.8 degC");
        assertThat(values.get("6-0:2.0.0*255@2024-04-04T22:00:00Z")).isEqualTo("117 m3");

        Message batch = rabbit.receive(queue.getName(), 10_000);
        assertThat(batch).isNotNull();
        assertThat(batch.getMessageProperties().getReceivedRoutingKey())
                .isEqualTo(org.organization().id() + ".heat." + meter);
        String body = new String(batch.getBody(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"schema\":\"meterflow.readings/1\"").contains("\"source\":\"wmbus\"")
                .contains("6-0:1.0.0*255");
        admin.deleteQueue(queue.getName());
    }

    @Test
    void anEncryptedWaterMeterTelegramOverMqttIsDecryptedWithTheMetersKey() throws Exception {
        String deviceKey = "wmbus:KDN:19228217:1:water";
        jdbc.update("DELETE FROM meter WHERE device_key = ?", deviceKey);
        Accounts.NewOrganization org = newOrganization("wM-Bus MQTT");
        String key = org.adminKey().key();
        long meter = meter(key, Map.of("externalRef", "water-1", "medium", "water", "protocol", "wmbus", "deviceKey", deviceKey));
        String subscriber = subscribeReadings(org.organization().id());
        call("PUT", "/api/v1/meters/" + meter + "/keys/encryption", key, "application/json", "{\"key\":\"" + KADEN_KEY + "\"}");

        MqttClient client = new MqttClient("tcp://" + TestServices.MQTT_HOST + ":" + TestServices.MQTT_PORT,
                "meterflow-test-wmbus-" + java.util.UUID.randomUUID(), new MemoryPersistence());
        client.connect();
        try {
            MqttMessage m = new MqttMessage(KADEN.getBytes(StandardCharsets.US_ASCII));
            m.setQos(1);
            client.publish(MQTT_PREFIX + "/frames/wmbus", m);
        } finally {
            client.disconnect();
            client.close();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) > 0);
        JsonNode readings = get("/api/v1/meters/" + meter + "/readings?register=8-0:1.0.0*255", key).json().get("items");
        assertThat(readings).isNotEmpty();
        assertThat(readings.get(0).get("value").asText()).isEqualTo("81.0976");
        assertThat(readings.get(0).get("unit").asText()).isEqualTo("m3");
        assertThat(jdbc.queryForList("SELECT transport FROM raw_frame WHERE meter_id = ?", String.class, meter)).contains("mqtt");
        assertServedAndPublished(key, subscriber, meter, "8-0:1.0.0*255", "81.0976");
    }

    @Test
    void aCompactFrameDecodesOnAnyWorkerAfterItsFullFrame() {
        String deviceKey = "wmbus:KAM:67676767:48:heat";
        jdbc.update("DELETE FROM meter WHERE device_key = ?", deviceKey);
        Accounts.NewOrganization org = newOrganization("wM-Bus compact");
        String key = org.adminKey().key();
        long meter = meter(key, Map.of("externalRef", "multical-302", "medium", "heat", "protocol", "wmbus", "deviceKey", deviceKey));
        // Kamstrup MULTICAL 302 (wmbusmeters multical302.jsonl): a full frame, then a compact frame of the same format.
        String full = "2E442D2C6767676730048D2039D1684020BCDB7803062C000043060000000314630000426C7F2A022D130001FF2100";
        String compact = "25442D2C6767676730048D203AD2684020D81579E7F1D5902C00000000006300007F2A130000";
        post("/api/v1/frames", key, toJson(Map.of("protocol", "wmbus", "hex", full)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM raw_frame WHERE meter_id = ? AND status = 'decoded'", Long.class, meter) == 1L);
        // Several compact frames, so that more than one decode worker takes one.
        for (int i = 0; i < 4; i++) {
            post("/api/v1/frames", key, toJson(Map.of("protocol", "wmbus", "hex", compact)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM raw_frame WHERE meter_id = ? AND status = 'decoded'", Long.class, meter) == 5L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM raw_frame WHERE device_key = ? AND status <> 'decoded'", Long.class,
                deviceKey)).isZero();
    }
}
