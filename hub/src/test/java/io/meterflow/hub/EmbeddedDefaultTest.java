package io.meterflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The first run of a new user: no database and no broker configured. The hub starts its embedded
 * PostgreSQL and AMQP broker, prints an admin key once, stores a reading and reads it back; after
 * a restart on the same data directory the reading is still there and no new key is printed.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDefaultTest {

    private static final Pattern KEY = Pattern.compile("\\b(mf_[A-Za-z0-9_-]{43})\\b");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFirstRunWithNothingConfiguredStoresAndReadsBackAReadingAndKeepsItAcrossARestart(
            @TempDir Path dir, CapturedOutput output) throws Exception {
        String key;
        long meterId;
        try (ConfigurableApplicationContext hub = start(dir)) {
            assertThat(output.getOut()).contains("Embedded PostgreSQL started").contains("Embedded AMQP 0-9-1 broker");
            Matcher m = KEY.matcher(output.getOut());
            assertThat(m.find()).as("the first start prints an admin key").isTrue();
            key = m.group(1);
            assertThat(m.find()).as("the key is printed once").isFalse();
            String base = "http://127.0.0.1:" + port(hub);

            JsonNode meter = send("POST", base + "/api/v1/meters", key, "{\"externalRef\":\"first\",\"medium\":\"electricity\"}");
            meterId = meter.get("id").asLong();
            JsonNode accepted = send("POST", base + "/api/v1/readings", key, """
                    {"readings":[{"meter":"first","register":"1.8.0","value":"1234.567","unit":"kWh","timestamp":"2026-12-04T12:00:00Z"}]}""");
            assertThat(accepted.get("accepted").asInt()).isEqualTo(1);
            String readings = base + "/api/v1/meters/" + meterId + "/readings";
            await().atMost(Duration.ofSeconds(30)).until(() -> send("GET", readings, key, null).get("items").size() == 1);
            JsonNode r = send("GET", readings, key, null).get("items").get(0);
            assertThat(r.get("register").asText()).isEqualTo("1-0:1.8.0*255");
            assertThat(r.get("value").asText()).isEqualTo("1234567");
            assertThat(r.get("unit").asText()).isEqualTo("Wh");
        }
        assertThat(Files.exists(dir.resolve("postgres"))).isTrue();
        assertThat(Files.exists(dir.resolve("master.key"))).isTrue();

        int printedBefore = countKeys(output.getOut());
        try (ConfigurableApplicationContext hub = start(dir)) {
            assertThat(countKeys(output.getOut())).as("no new key on a restart").isEqualTo(printedBefore);
            JsonNode items = send("GET", "http://127.0.0.1:" + port(hub) + "/api/v1/meters/" + meterId + "/readings", key, null)
                    .get("items");
            assertThat(items).hasSize(1);
            assertThat(items.get(0).get("value").asText()).isEqualTo("1234567");
        }
    }

    private static ConfigurableApplicationContext start(Path dir) {
        return SpringApplication.run(MeterflowApplication.class,
                "--server.port=0",
                "--meterflow.embedded.data-dir=" + dir,
                // This JVM may run another hub for the other tests: keep the JMX names apart.
                "--camel.main.name=meterflow-embedded-test",
                // Quartz keeps schedulers in a JVM-wide registry by name: this hub's must not be the other's.
                "--spring.quartz.scheduler-name=meterflow-embedded-test",
                "--spring.quartz.properties.org.quartz.scheduler.instanceName=meterflow-embedded-test",
                // The other tests' hub may hold receiver ports; this test is about storage.
                "--meterflow.receivers.dlms-udp.enabled=false",
                "--meterflow.receivers.dlms-tcp.enabled=false",
                "--meterflow.receivers.hex-tcp.enabled=false",
                "--spring.jmx.default-domain=meterflow-embedded-test");
    }

    private static int port(ConfigurableApplicationContext hub) {
        return ((WebServerApplicationContext) hub).getWebServer().getPort();
    }

    private static int countKeys(String out) {
        Matcher m = KEY.matcher(out);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private JsonNode send(String method, String url, String key, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + url + ": " + r.body()).isBetween(200, 299);
        return json.readTree(r.body());
    }
}
