package io.meterflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterflow.hub.api.Accounts;
import io.meterflow.hub.cli.JsonTestDecoder;
import org.junit.jupiter.api.Test;

/**
 * Frames in through POST /api/v1/frames, decoded by protocol, given to their meter by device
 * identity, stored; staged while the meter or key is missing and promoted when it appears; a
 * broken frame recorded and skipped.
 */
class DecodePathTest extends HubTest {

    private String frame(String serial, String key, String register, String value, String ts) {
        Map<String, Object> f = new java.util.LinkedHashMap<>();
        f.put("serial", serial);
        if (key != null) {
            f.put("key", key);
        }
        f.put("readings", List.of(Map.of("register", register, "value", value, "unit", "Wh", "timestamp", ts)));
        f.put("events", List.of(Map.of("code", "power_failure", "timestamp", ts)));
        return toJson(f);
    }

    private String hexOf(String s) {
        return java.util.HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private String status(long rawId) {
        return jdbc.queryForObject("SELECT status FROM raw_frame WHERE id = ?", String.class, rawId);
    }

    @Test
    void aFrameIsDecodedToItsMetersReadingsAndEvents() {
        Accounts.NewOrganization org = newOrganization("Decode");
        String key = org.adminKey().key();
        String serial = "S" + UUID.randomUUID().toString().substring(0, 8);
        long meter = post("/api/v1/meters", key, toJson(Map.of("externalRef", serial, "medium", "electricity",
                "deviceKey", JsonTestDecoder.deviceKey(serial)))).json().get("id").asLong();

        Response r = post("/api/v1/frames", key, toJson(Map.of("protocol", "test-json",
                "hex", hexOf(frame(serial, null, "1.8.0", "42", "2026-12-01T00:00:00Z")))));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 1L);
        JsonNode reading = get("/api/v1/meters/" + meter + "/readings", key).json().get("items").get(0);
        assertThat(reading.get("register").asText()).isEqualTo("1-0:1.8.0*255");
        assertThat(reading.get("value").asText()).isEqualTo("42");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                get("/api/v1/meters/" + meter + "/events", key).json().get("items").size() == 1);
        // The frame is marked decoded once its readings and events are published.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM raw_frame WHERE meter_id = ?"
                + " AND status = 'decoded' AND protocol = 'test-json' AND transport = 'http'", Long.class, meter) == 1L);

        // The same frame again: archived again, nothing stored twice (readings and events).
        post("/api/v1/frames", key, toJson(Map.of("protocol", "test-json", "hex", hexOf(frame(serial, null, "1.8.0", "42", "2026-12-01T00:00:00Z")))));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM raw_frame WHERE meter_id = ? AND status = 'decoded'", Long.class, meter) == 2L);
        assertThat(storedReadings(meter)).isEqualTo(1L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM meter_event WHERE meter_id = ?", Long.class, meter)).isEqualTo(1L);
    }

    @Test
    void framesOfAnUnknownDeviceAreStagedAndDecodedWhenItsMeterIsRegistered() {
        Accounts.NewOrganization org = newOrganization("Staging");
        String key = org.adminKey().key();
        String serial = "U" + UUID.randomUUID().toString().substring(0, 8);
        post("/api/v1/frames", key, toJson(Map.of("frames", List.of(
                Map.of("protocol", "test-json", "hex", hexOf(frame(serial, null, "1.8.0", "1", "2026-12-01T00:00:00Z"))),
                Map.of("protocol", "test-json", "hex", hexOf(frame(serial, null, "1.8.0", "2", "2026-12-01T01:00:00Z")))))));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM raw_frame WHERE device_key = ? AND status = 'staged'", Long.class, JsonTestDecoder.deviceKey(serial)) == 2L);
        assertThat(jdbc.queryForObject("SELECT error FROM raw_frame WHERE device_key = ? LIMIT 1", String.class,
                JsonTestDecoder.deviceKey(serial))).contains("no meter is registered");

        long meter = post("/api/v1/meters", key, toJson(Map.of("externalRef", serial, "medium", "electricity",
                "deviceKey", JsonTestDecoder.deviceKey(serial)))).json().get("id").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 2L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM raw_frame WHERE device_key = ? AND status = 'decoded'", Long.class,
                JsonTestDecoder.deviceKey(serial))).isEqualTo(2L);
    }

    @Test
    void anEncryptedFrameWaitsForItsKeyAndAWrongKeyIsRecorded() {
        Accounts.NewOrganization org = newOrganization("Keys");
        String key = org.adminKey().key();
        String serial = "K" + UUID.randomUUID().toString().substring(0, 8);
        String aes = "000102030405060708090a0b0c0d0e0f";
        long meter = post("/api/v1/meters", key, toJson(Map.of("externalRef", serial, "medium", "electricity",
                "deviceKey", JsonTestDecoder.deviceKey(serial)))).json().get("id").asLong();
        post("/api/v1/frames", key, toJson(Map.of("protocol", "test-json", "hex", hexOf(frame(serial, aes, "1.8.0", "7", "2026-12-01T00:00:00Z")))));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM raw_frame WHERE device_key = ? AND status = 'staged'", Long.class, JsonTestDecoder.deviceKey(serial)) == 1L);

        // A wrong key: the frame is decoded again, fails, and says why.
        call("PUT", "/api/v1/meters/" + meter + "/keys/encryption", key, "application/json", "{\"key\":\"ffffffffffffffffffffffffffffffff\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM raw_frame WHERE meter_id = ? AND status = 'failed'", Long.class, meter) == 1L);
        assertThat(jdbc.queryForObject("SELECT error FROM raw_frame WHERE meter_id = ?", String.class, meter)).contains("wrong key");

        // The right key, then a redecode of failed frames.
        call("PUT", "/api/v1/meters/" + meter + "/keys/encryption", key, "application/json", "{\"key\":\"" + aes + "\"}");
        Response redo = post("/api/v1/frames/redecode", key, "{\"status\":[\"failed\"]}");
        assertThat(redo.status()).as(redo.body()).isEqualTo(202);
        assertThat(redo.json().get("queued").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 1L);
    }

    @Test
    void aBrokenFrameIsRecordedWithItsReasonAndTheNextIsDecoded() {
        Accounts.NewOrganization org = newOrganization("Broken");
        String key = org.adminKey().key();
        String serial = "B" + UUID.randomUUID().toString().substring(0, 8);
        long meter = post("/api/v1/meters", key, toJson(Map.of("externalRef", serial, "medium", "electricity",
                "deviceKey", JsonTestDecoder.deviceKey(serial)))).json().get("id").asLong();
        post("/api/v1/frames", key, toJson(Map.of("frames", List.of(
                Map.of("protocol", "test-json", "hex", hexOf("{\"serial\":\"" + serial + "\",\"broken\":true}")),
                Map.of("protocol", "test-json", "hex", hexOf("not json at all")),
                Map.of("protocol", "test-json", "hex", hexOf(frame(serial, null, "1.8.0", "5", "2026-12-01T00:00:00Z")))))));
        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 1L);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM raw_frame WHERE organization_id = ? AND status = 'failed'", Long.class, org.organization().id()) == 2L);
        assertThat(jdbc.queryForList("SELECT error_offset FROM raw_frame WHERE organization_id = ? AND status = 'failed' ORDER BY id",
                Integer.class, org.organization().id())).containsExactlyInAnyOrder(3, 0);

        Response unknown = post("/api/v1/frames", key, "{\"protocol\":\"smoke-signals\",\"hex\":\"00\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("protocol");
        Response badHex = post("/api/v1/frames", key, "{\"frames\":[{\"protocol\":\"test-json\",\"hex\":\"0g\"}]}");
        assertThat(badHex.json().get("field").asText()).isEqualTo("frames[0].hex");
    }
}
