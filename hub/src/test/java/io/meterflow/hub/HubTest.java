package io.meterflow.hub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterflow.hub.api.Accounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole hub against the machine's real PostgreSQL and RabbitMQ,
 * over HTTP. All such tests share one running hub (Spring caches the context). Each test makes
 * organizations of its own, so tests never see each other's rows, just as tenants never do.
 */
// Observability on, as in production: tests read /actuator/prometheus.
@AutoConfigureObservability
// The service addresses below arrive after environment post-processing, so the embedded
// default is switched off explicitly, where it is read.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "meterflow.embedded.enabled=false")
public abstract class HubTest {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", TestServices::jdbcUrl);
        r.add("spring.datasource.username", () -> TestServices.PG_USER);
        r.add("spring.datasource.password", () -> TestServices.PG_PASSWORD);
        r.add("spring.rabbitmq.host", () -> TestServices.AMQP_HOST);
        r.add("spring.rabbitmq.port", () -> TestServices.AMQP_PORT);
        r.add("spring.rabbitmq.virtual-host", () -> TestServices.AMQP_VHOST);
        r.add("spring.rabbitmq.username", () -> "guest");
        r.add("spring.rabbitmq.password", () -> "guest");
        r.add("meterflow.security.master-key", () -> TestServices.MASTER_KEY);
        r.add("meterflow.bootstrap.enabled", () -> "false");
        // Revocation tests must not wait for another instance's cache.
        r.add("meterflow.api.key-cache", () -> "1s");
        // Receivers on ports of their own, so nothing else on the machine is in the way.
        r.add("meterflow.receivers.dlms-udp.port", () -> UDP_PORT);
        r.add("meterflow.receivers.dlms-udp.host", () -> "127.0.0.1");
        r.add("meterflow.receivers.dlms-tcp.port", () -> TCP_PORT);
        r.add("meterflow.receivers.dlms-tcp.host", () -> "127.0.0.1");
        r.add("meterflow.receivers.hex-tcp.port", () -> HEX_PORT);
        r.add("meterflow.receivers.hex-tcp.host", () -> "127.0.0.1");
        r.add("meterflow.receivers.hex-tcp.protocol", () -> "test-json");
        r.add("meterflow.receivers.dlms-hdlc.enabled", () -> "true");
        r.add("meterflow.receivers.dlms-hdlc.port", () -> HDLC_PORT);
        r.add("meterflow.receivers.dlms-hdlc.host", () -> "127.0.0.1");
        r.add("meterflow.receivers.mqtt.enabled", () -> "true");
        r.add("meterflow.receivers.mqtt.broker-url", () -> "tcp://" + TestServices.MQTT_HOST + ":" + TestServices.MQTT_PORT);
        r.add("meterflow.receivers.mqtt.client-id", () -> "meterflow-test-" + ProcessHandle.current().pid());
        r.add("meterflow.receivers.mqtt.frames-topic", () -> MQTT_PREFIX + "/frames/+");
        r.add("meterflow.receivers.mqtt.chirpstack-topic", () -> MQTT_PREFIX + "/application/+/device/+/event/up");
        // Polling at test speed.
        r.add("meterflow.poll.dispatch-cron", () -> "0/1 * * * * ?");
        r.add("meterflow.poll.retries", () -> "1");
        r.add("meterflow.poll.backoff", () -> "100ms");
        r.add("meterflow.poll.timeout", () -> "2s");
        r.add("meterflow.poll.silent-after", () -> "2");
    }

    /** Free ports, chosen once for the hub all these tests share. */
    protected static final int UDP_PORT = TestServices.freePort();
    protected static final int TCP_PORT = TestServices.freePort();
    protected static final int HEX_PORT = TestServices.freePort();
    protected static final int HDLC_PORT = TestServices.freePort();
    /** Topics of this test run only, so runs on one broker do not see each other's messages. */
    protected static final String MQTT_PREFIX = "meterflow-test-" + ProcessHandle.current().pid();

    @LocalServerPort
    protected int port;

    @Autowired
    protected Accounts accounts;

    @Autowired
    protected JdbcTemplate jdbc;

    protected final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    public record Response(int status, String contentType, String body) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** A new organization with an admin key, for one test. */
    protected Accounts.NewOrganization newOrganization(String name) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return accounts.createOrganization(name + " " + unique, null, "admin-" + unique + "@example.test");
    }

    protected Response call(String method, String path, String key, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }

    protected Response get(String path, String key) {
        return call("GET", path, key, null, null);
    }

    protected Response post(String path, String key, String jsonBody) {
        return call("POST", path, key, "application/json", jsonBody);
    }

    protected String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Creates a meter through the API and returns its id. */
    protected long createMeter(String key, String externalRef, String medium) {
        Response r = post("/api/v1/meters", key, "{\"externalRef\":\"" + externalRef + "\",\"medium\":\"" + medium + "\"}");
        if (r.status() != 201) {
            throw new AssertionError("creating meter " + externalRef + ": " + r);
        }
        return r.json().get("id").asLong();
    }

    @Autowired
    protected org.springframework.amqp.rabbit.core.RabbitTemplate rabbitTemplate;

    @Autowired
    protected org.springframework.amqp.rabbit.core.RabbitAdmin rabbitAdmin;

    /**
     * A subscriber of one organization's reading batches, bound to meterflow.readings as another
     * system would bind one: an exclusive queue of its own that goes away with the test's
     * connection (not auto-delete: each timed receive is a consumer that comes and goes).
     */
    protected String subscribeReadings(long organizationId) {
        org.springframework.amqp.core.Queue q = new org.springframework.amqp.core.Queue(
                "meterflow-test-subscriber-" + java.util.UUID.randomUUID(), false, true, false);
        rabbitAdmin.declareQueue(q);
        rabbitAdmin.declareBinding(org.springframework.amqp.core.BindingBuilder.bind(q)
                .to(new org.springframework.amqp.core.TopicExchange(io.meterflow.hub.amqp.AmqpTopology.READINGS))
                .with(organizationId + ".#"));
        return q.getName();
    }

    /** Batches a subscription received that were for other meters than the one asked for then: meters' batches come in any order. */
    private final Map<String, List<JsonNode>> receivedEarlier = new java.util.concurrent.ConcurrentHashMap<>();

    /** The next reading batch of the subscription that is for {@code meterId}, as JSON; fails after 30 s. */
    protected JsonNode batchFor(String queue, long meterId) {
        List<JsonNode> earlier = receivedEarlier.computeIfAbsent(queue, q -> new java.util.ArrayList<>());
        for (java.util.Iterator<JsonNode> it = earlier.iterator(); it.hasNext(); ) {
            JsonNode batch = it.next();
            if (batch.path("meterId").asLong() == meterId) {
                it.remove();
                return batch;
            }
        }
        long until = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < until) {
            org.springframework.amqp.core.Message m = rabbitTemplate.receive(queue, 1_000);
            if (m != null) {
                try {
                    JsonNode batch = json.readTree(m.getBody());
                    if (batch.path("meterId").asLong() == meterId) {
                        return batch;
                    }
                    earlier.add(batch);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("no reading batch for meter " + meterId + " reached the subscriber");
    }

    /**
     * The end of every end-to-end path: the reading is served by the REST API, and a batch with it
     * reached the subscriber.
     */
    protected void assertServedAndPublished(String key, String subscriber, long meterId, String register, String value) {
        JsonNode items = get("/api/v1/meters/" + meterId + "/readings?register=" + register + "&limit=10000", key).json().get("items");
        boolean served = false;
        for (JsonNode r : items) {
            served |= new java.math.BigDecimal(r.get("value").asText()).compareTo(new java.math.BigDecimal(value)) == 0;
        }
        if (!served) {
            throw new AssertionError("the API does not serve " + register + " = " + value + " of meter " + meterId + ": " + items);
        }
        JsonNode batch = batchFor(subscriber, meterId);
        boolean published = false;
        for (JsonNode r : batch.get("readings")) {
            published |= new java.math.BigDecimal(r.get("value").asText()).compareTo(new java.math.BigDecimal(value)) == 0;
        }
        if (!published) {
            throw new AssertionError("no batch with " + register + " = " + value + " reached the subscriber: " + batch);
        }
    }

    protected long storedReadings(long meterId) {
        return jdbc.queryForObject("SELECT count(*) FROM reading WHERE meter_id = ?", Long.class, meterId);
    }
}
