package io.meterflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterflow.hub.api.Accounts;
import io.meterflow.hub.cli.JsonTestDecoder;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

/**
 * Every receiver, fed over its real transport: DLMS pushes over UDP and TCP (real frames from the
 * conformance data, one of them ciphered), hex lines over TCP, MQTT, and LoRaWAN webhooks; each
 * ends with the readings or the decoded frame in the database.
 */
class ReceiversTest extends HubTest {

    private static final String KEY = "4d5944554d4d59474c4f42414c4b4559";

    private String jsonHex(String serial, String value) {
        String f = "{\"serial\":\"" + serial + "\",\"readings\":[{\"register\":\"1.8.0\",\"value\":\"" + value
                + "\",\"unit\":\"Wh\",\"timestamp\":\"2026-12-01T00:00:00Z\"}]}";
        return HexFormat.of().formatHex(f.getBytes(StandardCharsets.UTF_8));
    }

    private long jsonMeter(String key, String serial, Map<String, Object> extra) {
        Map<String, Object> m = new java.util.HashMap<>(Map.of("externalRef", serial, "medium", "electricity",
                "deviceKey", JsonTestDecoder.deviceKey(serial)));
        m.putAll(extra);
        Response r = post("/api/v1/meters", key, toJson(m));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @Test
    void aDlmsPushOverUdpIsStoredAsItsMetersReadings() throws Exception {
        String deviceKey = "dlms:KAM:5705705705705707:-:-";
        // Earlier runs on this database registered the same meter in organizations of their own.
        jdbc.update("DELETE FROM meter WHERE device_key = ?", deviceKey);
        Accounts.NewOrganization org = newOrganization("UDP");
        String subscriber = subscribeReadings(org.organization().id());
        long meter = post("/api/v1/meters", org.adminKey().key(), toJson(Map.of("externalRef", "kamstrup", "medium", "electricity",
                "deviceKey", deviceKey))).json().get("id").asLong();
        byte[] frame = HexFormat.of().parseHex(TestVectors.amshan("amshan-kamstrup-se_list_real_sample"));
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(frame, frame.length, InetAddress.getLoopbackAddress(), UDP_PORT));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 10L);
        assertThat(jdbc.queryForObject("""
                SELECT r.value FROM reading r JOIN register g ON g.id = r.register_id WHERE r.meter_id = ? AND g.key = '1-1:1.7.0*255'""",
                java.math.BigDecimal.class, meter)).isEqualByComparingTo("826");
        assertThat(jdbc.queryForObject("SELECT transport FROM raw_frame WHERE meter_id = ?", String.class, meter)).isEqualTo("udp");
        JsonNode reading = get("/api/v1/meters/" + meter + "/readings?register=1-1:1.7.0*255", org.adminKey().key()).json().get("items").get(0);
        assertThat(reading.get("value").asText()).isEqualTo("826");
        JsonNode batch = batchFor(subscriber, meter);
        assertThat(batch.get("source").asText()).isEqualTo("dlms");
        assertThat(batch.get("readings")).hasSize(10);
    }

    @Test
    void aSegmentedDlmsPushInHdlcFramesOverTcpIsJoinedAndStored() throws Exception {
        String deviceKey = "dlms:ldn:LGZ1030655933512";
        jdbc.update("DELETE FROM meter WHERE device_key = ?", deviceKey);
        Accounts.NewOrganization org = newOrganization("HDLC");
        String subscriber = subscribeReadings(org.organization().id());
        long meter = post("/api/v1/meters", org.adminKey().key(), toJson(Map.of("externalRef", "lg-e450", "medium", "electricity",
                "deviceKey", deviceKey))).json().get("id").asLong();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), HDLC_PORT); OutputStream out = s.getOutputStream()) {
            for (String frame : TestVectors.hdlcFrames("smdc-lg_e450-unencrypted_valid_data")) {
                out.write(HexFormat.of().parseHex(frame));
                out.flush();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) > 0);
        }
        JsonNode batch = batchFor(subscriber, meter);
        assertThat(batch.get("readings").size()).isEqualTo((int) storedReadings(meter));
        JsonNode power = get("/api/v1/meters/" + meter + "/readings?register=1-0:1.7.0*255", org.adminKey().key()).json().get("items");
        assertThat(power.get(0).get("value").asText()).isEqualTo("28");
        assertThat(jdbc.queryForObject("SELECT transport FROM raw_frame WHERE meter_id = ?", String.class, meter)).isEqualTo("tcp-hdlc");
    }

    @Test
    void aLorawanPulseCounterIsDecodedByItsPayloadLayout() {
        Accounts.NewOrganization org = newOrganization("Layout");
        String key = org.adminKey().key();
        String devEui = "A8" + HexFormat.of().formatHex(UUID.randomUUID().toString().substring(0, 7).getBytes(StandardCharsets.US_ASCII));
        Response unknown = post("/api/v1/meters", key, toJson(Map.of("externalRef", "p0", "medium", "water", "protocol", "layout:nope")));
        assertThat(unknown.json().get("field").asText()).isEqualTo("protocol");
        long meter = post("/api/v1/meters", key, toJson(Map.of("externalRef", "pulse-1", "medium", "water", "protocol",
                "layout:pulse-counter-v1", "addressing", Map.of("devEui", devEui)))).json().get("id").asLong();
        String subscriber = subscribeReadings(org.organization().id());
        byte[] payload = {0x10, 0x27, 0x00, 0x00, 0x55}; // 10000 litres, battery 85 %
        String uplink = toJson(Map.of("end_device_ids", Map.of("device_id", "pulse-1", "dev_eui", devEui),
                "correlation_ids", List.of("as:up:" + UUID.randomUUID()), "received_at", "2026-12-01T06:00:00Z",
                "uplink_message", Map.of("f_port", 1, "f_cnt", 1, "frm_payload", Base64.getEncoder().encodeToString(payload))));
        assertThat(post("/api/v1/lorawan/tts", key, uplink).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 2L);
        JsonNode volume = get("/api/v1/meters/" + meter + "/readings?register=8-0:1.0.0*255", key).json().get("items").get(0);
        assertThat(volume.get("value").asText()).isEqualTo("10");
        assertThat(volume.get("unit").asText()).isEqualTo("m3");
        assertThat(volume.get("timestamp").asText()).isEqualTo("2026-12-01T06:00:00Z");
        assertThat(batchFor(subscriber, meter).get("source").asText()).isEqualTo("layout:pulse-counter-v1");
    }

    @Test
    void cipheredDlmsPushesOverTcpAreSplitDecryptedWithTheMetersKeyAndAReplayIsRejected() throws Exception {
        String systemTitle = "2F19229199164103";
        jdbc.update("DELETE FROM meter WHERE device_key = ?", "dlms:st:" + systemTitle);
        jdbc.update("DELETE FROM dlms_invocation_counter WHERE system_title = ?", systemTitle);
        Accounts.NewOrganization org = newOrganization("TCP");
        String key = org.adminKey().key();
        long meter = post("/api/v1/meters", key, toJson(Map.of("externalRef", "dlms-udp-push", "medium", "electricity",
                "deviceKey", "dlms:st:" + systemTitle))).json().get("id").asLong();
        call("PUT", "/api/v1/meters/" + meter + "/keys/encryption", key, "application/json", "{\"key\":\"" + KEY + "\"}");
        call("PUT", "/api/v1/meters/" + meter + "/keys/authentication", key, "application/json", "{\"key\":\"" + KEY + "\"}");

        List<String> frames = TestVectors.dlmsUdpFrames();
        byte[] first = HexFormat.of().parseHex(frames.get(1));
        byte[] second = HexFormat.of().parseHex(frames.get(2));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), TCP_PORT); OutputStream out = s.getOutputStream()) {
            // Two frames in one write, and the first again: the framing splits them, the counters stop the replay
            // (whichever order the two decode workers took the first two in).
            byte[] both = new byte[first.length + second.length];
            System.arraycopy(first, 0, both, 0, first.length);
            System.arraycopy(second, 0, both, first.length, second.length);
            out.write(both);
            out.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM raw_frame WHERE meter_id = ? AND status = 'decoded'", Long.class, meter) == 2L);
            out.write(first);
            out.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM raw_frame WHERE meter_id = ? AND status = 'failed'", Long.class, meter) == 1L);
        }
        assertThat(jdbc.queryForObject("SELECT error FROM raw_frame WHERE meter_id = ? AND status = 'failed'", String.class, meter))
                .containsIgnoringCase("replay");
        assertThat(jdbc.queryForObject("SELECT counter FROM dlms_invocation_counter WHERE system_title = ?", Long.class, systemTitle))
                .isEqualTo(487L);
    }

    @Test
    void cipheredDlmsPushesOfASimulatedMeterOverUdpAndTcpAreStoredAndPublished() throws Exception {
        io.meterflow.dlms.server.CosemObjects objects = new io.meterflow.dlms.server.CosemObjects(java.time.Clock.systemUTC(), 0);
        objects.register(io.meterflow.model.ObisCode.of(1, 0, 1, 8, 0, 255),
                io.meterflow.dlms.axdr.DlmsData.integer(io.meterflow.dlms.axdr.DataType.DOUBLE_LONG_UNSIGNED, 987654),
                new io.meterflow.dlms.axdr.ScalerUnit(0, io.meterflow.dlms.axdr.DlmsUnit.WATT_HOUR));
        byte[] title = {'M', 'F', 'T', 'E', 'S', 'T', (byte) (System.nanoTime() >> 8), (byte) System.nanoTime()};
        byte[] key = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
        io.meterflow.dlms.server.MeterSimulator sim = new io.meterflow.dlms.server.MeterSimulator(
                new io.meterflow.dlms.server.ServerSettings(io.meterflow.dlms.client.Authentication.NONE, null, false, title, key, key,
                        0xFFFF), objects, false);
        String deviceKey = "dlms:st:" + HexFormat.of().withUpperCase().formatHex(title);
        jdbc.update("DELETE FROM meter WHERE device_key = ?", deviceKey);
        Accounts.NewOrganization org = newOrganization("DLMS ciphered");
        String k = org.adminKey().key();
        String subscriber = subscribeReadings(org.organization().id());
        long meter = post("/api/v1/meters", k, toJson(Map.of("externalRef", "sim", "medium", "electricity", "deviceKey", deviceKey)))
                .json().get("id").asLong();
        call("PUT", "/api/v1/meters/" + meter + "/keys/encryption", k, "application/json", "{\"key\":\"" + HexFormat.of().formatHex(key) + "\"}");
        call("PUT", "/api/v1/meters/" + meter + "/keys/authentication", k, "application/json", "{\"key\":\"" + HexFormat.of().formatHex(key) + "\"}");

        sim.pushUdp("127.0.0.1", UDP_PORT, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 1L);
        assertServedAndPublished(k, subscriber, meter, "1-0:1.8.0*255", "987654");

        Thread.sleep(1100); // the next push carries the next second, so it is a new reading
        objects.register(io.meterflow.model.ObisCode.of(1, 0, 1, 8, 0, 255),
                io.meterflow.dlms.axdr.DlmsData.integer(io.meterflow.dlms.axdr.DataType.DOUBLE_LONG_UNSIGNED, 987700),
                new io.meterflow.dlms.axdr.ScalerUnit(0, io.meterflow.dlms.axdr.DlmsUnit.WATT_HOUR));
        sim.pushTcp("127.0.0.1", TCP_PORT, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 2L);
        assertServedAndPublished(k, subscriber, meter, "1-0:1.8.0*255", "987700");
        assertThat(jdbc.queryForList("SELECT transport FROM raw_frame WHERE meter_id = ? ORDER BY id", String.class, meter))
                .containsExactly("udp", "tcp");
    }

    @Test
    void hexLinesOverTcpAreDecodedAndALineThatIsNotHexIsRecorded() throws Exception {
        Accounts.NewOrganization org = newOrganization("Hex TCP");
        String serial = "H" + UUID.randomUUID().toString().substring(0, 8);
        long meter = jsonMeter(org.adminKey().key(), serial, Map.of());
        String marker = "not hex " + UUID.randomUUID();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), HEX_PORT); OutputStream out = s.getOutputStream()) {
            out.write((jsonHex(serial, "11") + "\n" + marker + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 1L);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM raw_frame WHERE status = 'failed' AND payload = ?", Long.class, (Object) marker.getBytes(StandardCharsets.UTF_8)) == 1L);
        assertThat(jdbc.queryForObject("SELECT error FROM raw_frame WHERE payload = ?", String.class, (Object) marker.getBytes(StandardCharsets.UTF_8)))
                .startsWith("the line is not hex");
    }

    @Test
    void telegramsAndChirpStackUplinksArriveOverMqtt() throws Exception {
        Accounts.NewOrganization org = newOrganization("MQTT");
        String key = org.adminKey().key();
        String serial = "M" + UUID.randomUUID().toString().substring(0, 8);
        long meter = jsonMeter(key, serial, Map.of());
        String devEui = HexFormat.of().formatHex(UUID.randomUUID().toString().substring(0, 8).getBytes(StandardCharsets.US_ASCII));
        String loraSerial = "L" + UUID.randomUUID().toString().substring(0, 8);
        long loraMeter = jsonMeter(key, loraSerial, Map.of("protocol", "test-json", "addressing", Map.of("devEui", devEui)));
        String subscriber = subscribeReadings(org.organization().id());

        MqttClient client = new MqttClient("tcp://" + TestServices.MQTT_HOST + ":" + TestServices.MQTT_PORT,
                "meterflow-test-publisher-" + UUID.randomUUID(), new MemoryPersistence());
        client.connect();
        try {
            MqttMessage hex = new MqttMessage(jsonHex(serial, "21").getBytes(StandardCharsets.US_ASCII));
            hex.setQos(1);
            client.publish(MQTT_PREFIX + "/frames/test-json", hex);
            String payload = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(jsonHex(loraSerial, "31")));
            MqttMessage up = new MqttMessage(toJson(Map.of("deduplicationId", UUID.randomUUID().toString(),
                    "time", "2026-12-01T00:00:05Z", "deviceInfo", Map.of("devEui", devEui), "fPort", 1, "data", payload))
                    .getBytes(StandardCharsets.UTF_8));
            up.setQos(1);
            client.publish(MQTT_PREFIX + "/application/1/device/" + devEui + "/event/up", up);
        } finally {
            client.disconnect();
            client.close();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 1L && storedReadings(loraMeter) == 1L);
        assertThat(jdbc.queryForObject("SELECT transport FROM raw_frame WHERE meter_id = ?", String.class, loraMeter))
                .isEqualTo("lorawan-chirpstack-mqtt");
        assertServedAndPublished(key, subscriber, meter, "1.8.0", "21");
        assertServedAndPublished(key, subscriber, loraMeter, "1.8.0", "31");
    }

    @Test
    void theThingsStackAndChirpStackWebhooksAreTakenOncePerUplink() {
        Accounts.NewOrganization org = newOrganization("LoRaWAN");
        String key = org.adminKey().key();
        String devEui = "70B3D57ED0" + HexFormat.of().formatHex(UUID.randomUUID().toString().substring(0, 3).getBytes(StandardCharsets.US_ASCII));
        String serial = "W" + UUID.randomUUID().toString().substring(0, 8);
        long meter = jsonMeter(key, serial, Map.of("protocol", "test-json", "addressing", Map.of("devEui", devEui.toLowerCase())));
        String subscriber = subscribeReadings(org.organization().id());
        String payload = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(jsonHex(serial, "41")));
        String uplink = toJson(Map.of(
                "end_device_ids", Map.of("device_id", "water-1", "dev_eui", devEui),
                "correlation_ids", List.of("gs:uplink:01H", "as:up:" + UUID.randomUUID()),
                "received_at", "2026-12-01T00:00:07Z",
                "uplink_message", Map.of("f_port", 2, "f_cnt", 7, "frm_payload", payload)));
        Response first = post("/api/v1/lorawan/tts", key, uplink);
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        Response again = post("/api/v1/lorawan/tts", key, uplink);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("duplicate");
        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 1L);
        assertThat(batchFor(subscriber, meter).get("readings").get(0).get("value").asText()).isEqualTo("41");
        assertThat(get("/api/v1/meters/" + meter + "/readings", key).json().get("items").get(0).get("value").asText()).isEqualTo("41");

        String cs = toJson(Map.of("deduplicationId", UUID.randomUUID().toString(), "time", "2026-12-01T01:00:00Z",
                "deviceInfo", Map.of("devEui", devEui), "fCnt", 8, "fPort", 2,
                "data", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(
                        jsonHex(serial, "42").replace(HexFormat.of().formatHex("2026-12-01T00".getBytes(StandardCharsets.US_ASCII)),
                                HexFormat.of().formatHex("2026-12-01T01".getBytes(StandardCharsets.US_ASCII)))))));
        assertThat(post("/api/v1/lorawan/chirpstack?event=up", key, cs).status()).isEqualTo(202);
        assertThat(post("/api/v1/lorawan/chirpstack?event=up", key, cs).json().get("status").asText()).isEqualTo("duplicate");
        assertThat(post("/api/v1/lorawan/chirpstack?event=join", key, "{\"deviceInfo\":{\"devEui\":\"" + devEui + "\"}}")
                .json().get("status").asText()).isEqualTo("ignored");
        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 2L);
        assertServedAndPublished(key, subscriber, meter, "1.8.0", "42");

        // Another organization's key does not reach this meter: its uplink is kept, unassigned.
        Accounts.NewOrganization other = newOrganization("LoRaWAN other");
        Response foreign = post("/api/v1/lorawan/chirpstack", other.adminKey().key(), cs.replace("deduplicationId\":\"", "deduplicationId\":\"x"));
        assertThat(foreign.json().get("status").asText()).isEqualTo("unassigned");
        assertThat(post("/api/v1/lorawan/tts", null, uplink).status()).isEqualTo(401);
    }
}
