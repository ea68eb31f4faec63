package io.meterflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterflow.dlms.apdu.AttributeDescriptor;
import io.meterflow.dlms.axdr.CosemDateTime;
import io.meterflow.dlms.axdr.DataType;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.axdr.DlmsUnit;
import io.meterflow.dlms.axdr.ScalerUnit;
import io.meterflow.dlms.client.Authentication;
import io.meterflow.dlms.server.CosemObjects;
import io.meterflow.dlms.server.MeterSimulator;
import io.meterflow.dlms.server.ServerSettings;
import io.meterflow.hub.api.Accounts;
import io.meterflow.model.ObisCode;
import org.junit.jupiter.api.Test;

/**
 * Polling end to end: poll profiles through the API, the clustered dispatcher, the poll workers
 * reading real protocol sessions (a DLMS meter simulator with a load profile and a drifting clock,
 * an M-Bus slave answering a conformance frame, an IEC 62056-21 meter), the readings back through
 * the API, runs and communication status, and a silent meter.
 */
class PollingTest extends HubTest {

    private static final ObisCode ENERGY = ObisCode.of(1, 0, 1, 8, 0, 255);
    private static final ObisCode VOLTAGE = ObisCode.of(1, 0, 32, 7, 0, 255);
    private static final ObisCode LOAD_PROFILE = ObisCode.of(1, 0, 99, 1, 0, 255);

    private long profile(String key, String body) {
        Response r = post("/api/v1/poll-profiles", key, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private long meter(String key, Map<String, Object> fields) {
        Response r = post("/api/v1/meters", key, toJson(fields));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private JsonNode runs(long meter, String key) {
        return get("/api/v1/meters/" + meter + "/poll-runs", key).json().get("items");
    }

    @Test
    void aDlmsMeterIsReadWithItsLoadProfileAndClockSyncOnDemandAndOnSchedule() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(6));
        CosemObjects objects = new CosemObjects(Clock.systemUTC(), 0);
        objects.register(ENERGY, DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, 1234567), new ScalerUnit(1, DlmsUnit.WATT_HOUR));
        objects.register(VOLTAGE, DlmsData.integer(DataType.LONG_UNSIGNED, 2301), new ScalerUnit(-1, DlmsUnit.VOLT));
        objects.data(ObisCode.of(0, 0, 42, 0, 0, 255), DlmsData.octets("MTF0000000000042".getBytes(StandardCharsets.US_ASCII)));
        List<List<DlmsData>> rows = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Instant t = start.plusSeconds(900L * i);
            rows.add(List.of(DlmsData.dateTime(CosemDateTime.of(t.atOffset(ZoneOffset.UTC))),
                    DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, 100_000L + 25L * i)));
        }
        objects.profile(LOAD_PROFILE, List.of(AttributeDescriptor.of(8, ObisCode.of(0, 0, 1, 0, 0, 255), 2),
                AttributeDescriptor.of(3, ENERGY, 2)), 900, rows);
        objects.setClockOffset(Duration.ofMinutes(3));
        byte[] password = "12345678".getBytes(StandardCharsets.US_ASCII);
        try (MeterSimulator sim = new MeterSimulator(new ServerSettings(Authentication.LOW, password, false,
                ServerSettings.DEFAULT_SYSTEM_TITLE, null, null, 0xFFFF), objects, false)) {
            int port = sim.start();
            Accounts.NewOrganization org = newOrganization("Poll DLMS");
            String key = org.adminKey().key();
            String subscriber = subscribeReadings(org.organization().id());
            long profile = profile(key, """
                    {"name":"daily","schedule":"every 1d offset 1h","registers":["1.8.0","1-0:32.7.0*255"],
                     "loadProfile":true,"clockSync":true,"allowedDriftSeconds":30}""");
            long meter = meter(key, Map.of("externalRef", "dlms-poll", "medium", "electricity", "protocol", "dlms",
                    "endpoint", "127.0.0.1:" + port, "pollProfileId", profile,
                    "addressing", Map.of("authentication", "low", "clientAddress", 16, "serverAddress", 1)));
            call("PUT", "/api/v1/meters/" + meter + "/keys/password", key, "application/json",
                    "{\"key\":\"" + HexFormat.of().formatHex(password) + "\"}");

            assertThat(post("/api/v1/meters/" + meter + "/poll", key, null).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 26L);
            JsonNode run = runs(meter, key).get(0);
            assertThat(run.get("outcome").asText()).as(run.toString()).isEqualTo("success");
            assertThat(run.get("reason").asText()).isEqualTo("on-demand");
            assertThat(run.get("readings").asInt()).isEqualTo(26);
            JsonNode batch = batchFor(subscriber, meter);
            assertThat(batch.get("source").asText()).isEqualTo("poll-dlms");
            assertThat(batch.get("readings")).hasSize(26);

            JsonNode latest = get("/api/v1/meters/" + meter + "/readings/latest", key).json().get("items");
            Map<String, String> values = new java.util.HashMap<>();
            latest.forEach(r -> values.put(r.get("register").asText(), r.get("value").asText() + " " + r.get("unit").asText()));
            assertThat(values).containsEntry("1-0:32.7.0*255", "230.1 V");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM reading r JOIN register g ON g.id = r.register_id"
                    + " WHERE r.meter_id = ? AND g.key = '1-0:1.8.0*255' AND r.ts = ?", Long.class, meter,
                    java.sql.Timestamp.from(start.plusSeconds(900L * 23)))).isEqualTo(1L);
            // The meter's clock was 3 minutes off: set, and said so.
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/meters/" + meter + "/events", key).json()
                    .get("items").toString().contains("clock_adjusted"));
            assertThat(objects.clockOffset().abs()).isLessThan(Duration.ofSeconds(5));

            // The dispatcher gives a newly assigned meter its first scheduled time.
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    !get("/api/v1/meters/" + meter + "/status", key).json().get("nextPollAt").isNull());
            JsonNode status = get("/api/v1/meters/" + meter + "/status", key).json();
            assertThat(status.get("consecutiveFailures").asInt()).isZero();
            assertThat(status.get("lastSuccessAt").isNull()).isFalse();

            // The schedule: make the meter due now; the dispatcher sends it to a worker within a few seconds,
            // and the load profile is read from the last stored interval on.
            jdbc.update("UPDATE meter SET next_poll_at = now() - interval '1 second' WHERE id = ?", meter);
            await().atMost(Duration.ofSeconds(30)).until(() -> runs(meter, key).size() == 2);
            JsonNode scheduled = runs(meter, key).get(0);
            assertThat(scheduled.get("reason").asText()).isEqualTo("scheduled");
            assertThat(scheduled.get("outcome").asText()).isEqualTo("success");
            assertThat(scheduled.get("readings").asInt()).isLessThan(26);
            Instant next = Instant.parse(get("/api/v1/meters/" + meter + "/status", key).json().get("nextPollAt").asText());
            assertThat(next).isAfter(Instant.now());
        }
    }

    @Test
    void aModeEMeterBehindAnOpticalPortIsSignedOnThenReadOverHdlc() throws Exception {
        CosemObjects objects = new CosemObjects(Clock.systemUTC(), 0);
        objects.register(ENERGY, DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, 4321), new ScalerUnit(3, DlmsUnit.WATT_HOUR));
        MeterSimulator sim = new MeterSimulator(new ServerSettings(Authentication.NONE, null, false,
                ServerSettings.DEFAULT_SYSTEM_TITLE, null, null, 0xFFFF), objects, true);
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread port = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                        readLine(in); // /?!
                        out.write("/MTF5\\2METERFLOW-E\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        byte[] select = in.readNBytes(6); // ACK 2 Z 2 CR LF
                        if (select.length == 6 && select[1] == '2' && select[3] == '2') {
                            sim.serveHdlc(in, out);
                        }
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "optical-port");
            port.setDaemon(true);
            port.start();
            Accounts.NewOrganization org = newOrganization("Poll mode E");
            String key = org.adminKey().key();
            long profile = profile(key, "{\"name\":\"energy\",\"schedule\":\"every 1h\",\"registers\":[\"1.8.0\"]}");
            long meter = meter(key, Map.of("externalRef", "optical", "medium", "electricity", "protocol", "dlms",
                    "endpoint", "127.0.0.1:" + server.getLocalPort(), "pollProfileId", profile,
                    "addressing", Map.of("transport", "iec62056-e", "serverAddress", 1, "physicalAddress", 17)));
            post("/api/v1/meters/" + meter + "/poll", key, null);
            await().atMost(Duration.ofSeconds(30)).until(() -> runs(meter, key).size() == 1);
            JsonNode run = runs(meter, key).get(0);
            assertThat(run.get("outcome").asText()).as(run.toString()).isEqualTo("success");
            await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 1L);
            assertThat(jdbc.queryForObject("SELECT value FROM reading WHERE meter_id = ?", BigDecimal.class, meter))
                    .isEqualByComparingTo("4321000");
        }
    }

    @Test
    void anMbusMeterBehindAGatewayIsRead() throws Exception {
        byte[] frame = HexFormat.of().parseHex(Files.readString(TestVectors.root()
                .resolve("mbus/libmbus/test-frames/EMU_EMU-Professional-375-M-Bus.hex")).replaceAll("\\s", ""));
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread slave = new Thread(() -> mbusSlave(server, frame), "mbus-slave");
            slave.setDaemon(true);
            slave.start();
            Accounts.NewOrganization org = newOrganization("Poll M-Bus");
            String key = org.adminKey().key();
            String subscriber = subscribeReadings(org.organization().id());
            long meter = meter(key, Map.of("externalRef", "emu", "medium", "electricity", "protocol", "mbus",
                    "endpoint", "127.0.0.1:" + server.getLocalPort(), "addressing", Map.of("primaryAddress", 0)));
            post("/api/v1/meters/" + meter + "/poll", key, null);
            await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) > 0);
            JsonNode run = runs(meter, key).get(0);
            assertThat(run.get("outcome").asText()).as(run.toString()).isEqualTo("success");
            assertThat(storedReadings(meter)).isEqualTo(run.get("readings").asLong());
            JsonNode batch = batchFor(subscriber, meter);
            assertThat(batch.get("source").asText()).isEqualTo("poll-mbus");
            assertThat(batch.get("readings")).hasSize(run.get("readings").asInt());
            JsonNode served = get("/api/v1/meters/" + meter + "/readings?limit=10000", key).json().get("items");
            assertThat(served).hasSize(run.get("readings").asInt());
        }
    }

    @Test
    void anIecMeterIsReadOutAndASilentMeterIsReported() throws Exception {
        String data = "1.8.0(001234.567*kWh)\r\n2.8.0(000012.300*kWh)\r\n!\r\n";
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread meterThread = new Thread(() -> iecMeter(server, data), "iec-meter");
            meterThread.setDaemon(true);
            meterThread.start();
            Accounts.NewOrganization org = newOrganization("Poll IEC");
            String key = org.adminKey().key();
            String subscriber = subscribeReadings(org.organization().id());
            long meter = meter(key, Map.of("externalRef", "iec", "medium", "electricity", "protocol", "iec62056-21",
                    "endpoint", "127.0.0.1:" + server.getLocalPort()));
            post("/api/v1/meters/" + meter + "/poll", key, null);
            await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 2L);
            assertThat(jdbc.queryForObject("SELECT r.value FROM reading r JOIN register g ON g.id = r.register_id"
                    + " WHERE r.meter_id = ? AND g.key = '1-0:1.8.0*255'", BigDecimal.class, meter)).isEqualByComparingTo("1234567");
            assertServedAndPublished(key, subscriber, meter, "1.8.0", "1234567");

            // A meter whose converter does not answer: failed runs, then silent.
            int closed;
            try (ServerSocket s = new ServerSocket(0)) {
                closed = s.getLocalPort();
            }
            long dead = meter(key, Map.of("externalRef", "iec-dead", "medium", "electricity", "protocol", "iec62056-21",
                    "endpoint", "127.0.0.1:" + closed));
            post("/api/v1/meters/" + dead + "/poll", key, null);
            await().atMost(Duration.ofSeconds(30)).until(() -> runs(dead, key).size() == 1);
            post("/api/v1/meters/" + dead + "/poll", key, null);
            await().atMost(Duration.ofSeconds(30)).until(() -> runs(dead, key).size() == 2);
            JsonNode failed = runs(dead, key).get(0);
            assertThat(failed.get("outcome").asText()).isEqualTo("failure");
            assertThat(failed.get("attempts").asInt()).isEqualTo(2);
            assertThat(failed.get("error").asText()).contains("Connect");
            JsonNode status = get("/api/v1/meters/" + dead + "/status", key).json();
            assertThat(status.get("consecutiveFailures").asInt()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/meters/" + dead + "/events", key).json()
                    .get("items").toString().contains("meter_silent"));

            // Not pollable: no endpoint. The run says why.
            long nowhere = meter(key, Map.of("externalRef", "iec-nowhere", "medium", "electricity", "protocol", "iec62056-21"));
            post("/api/v1/meters/" + nowhere + "/poll", key, null);
            await().atMost(Duration.ofSeconds(30)).until(() -> runs(nowhere, key).size() == 1);
            assertThat(runs(nowhere, key).get(0).get("error").asText()).contains("endpoint must be host:port");
        }
    }

    @Test
    void aSilentMeterThatAnswersAgainIsReportedBackAndItsRunsAreRecorded() throws Exception {
        CosemObjects objects = new CosemObjects(Clock.systemUTC(), 0);
        objects.register(ENERGY, DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, 777), new ScalerUnit(0, DlmsUnit.WATT_HOUR));
        try (MeterSimulator sim = new MeterSimulator(new ServerSettings(Authentication.NONE, null, false,
                ServerSettings.DEFAULT_SYSTEM_TITLE, null, null, 0xFFFF), objects, false)) {
            int live = sim.start();
            int closed;
            try (ServerSocket s = new ServerSocket(0)) {
                closed = s.getLocalPort();
            }
            Accounts.NewOrganization org = newOrganization("Poll back");
            String key = org.adminKey().key();
            long profile = profile(key, "{\"name\":\"energy\",\"schedule\":\"every 1d\",\"registers\":[\"1.8.0\"]}");
            long meter = meter(key, Map.of("externalRef", "comes-back", "medium", "electricity", "protocol", "dlms",
                    "endpoint", "127.0.0.1:" + closed, "pollProfileId", profile));
            for (int i = 1; i <= 2; i++) {
                post("/api/v1/meters/" + meter + "/poll", key, null);
                int n = i;
                await().atMost(Duration.ofSeconds(30)).until(() -> runs(meter, key).size() == n);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/meters/" + meter + "/events", key).json()
                    .get("items").toString().contains("meter_silent"));
            assertThat(get("/api/v1/meters/" + meter + "/status", key).json().get("consecutiveFailures").asInt()).isEqualTo(2);

            assertThat(call("PATCH", "/api/v1/meters/" + meter, key, "application/json",
                    "{\"endpoint\":\"127.0.0.1:" + live + "\"}").status()).isEqualTo(200);
            post("/api/v1/meters/" + meter + "/poll", key, null);
            await().atMost(Duration.ofSeconds(30)).until(() -> runs(meter, key).size() == 3);
            JsonNode run = runs(meter, key).get(0);
            assertThat(run.get("outcome").asText()).as(run.toString()).isEqualTo("success");
            assertThat(run.get("readings").asInt()).isEqualTo(1);
            JsonNode status = get("/api/v1/meters/" + meter + "/status", key).json();
            assertThat(status.get("consecutiveFailures").asInt()).isZero();
            assertThat(status.get("lastError").isNull()).isTrue();
            assertThat(status.get("lastSuccessAt").isNull()).isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/meters/" + meter + "/events", key).json()
                    .get("items").toString().contains("answers again after 2 failed reads"));
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.meterflow.hub.poll.PollDispatcher dispatcher;

    @Test
    void dispatchersRacingEachOtherPublishEachDueMeterOnce() throws Exception {
        String key = newOrganization("Dispatch race").adminKey().key();
        long profile = profile(key, "{\"name\":\"daily\",\"schedule\":\"every 1d\"}");
        List<Long> meters = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // No endpoint: each read fails at once, and is recorded as a run.
            meters.add(meter(key, Map.of("externalRef", "race-" + i, "medium", "electricity", "protocol", "dlms",
                    "pollProfileId", profile)));
        }
        Long[] ids = meters.toArray(Long[]::new);
        jdbc.update("UPDATE meter SET next_poll_at = now() - interval '1 second' WHERE id = ANY(?)", (Object) ids);
        // Three dispatchers at once, as on three hub instances, besides the scheduled one of this hub.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        List<java.util.concurrent.Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(pool.submit(dispatcher::dispatchDue));
        }
        for (var f : runs) {
            f.get();
        }
        pool.shutdown();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM poll_run WHERE meter_id = ANY(?)", Long.class, (Object) ids) == 30L);
        Thread.sleep(2000); // a second job for any meter would have been run by now
        assertThat(jdbc.queryForObject("SELECT count(*) FROM poll_run WHERE meter_id = ANY(?)", Long.class, (Object) ids)).isEqualTo(30L);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT meter_id) FROM poll_run WHERE meter_id = ANY(?)", Long.class, (Object) ids))
                .isEqualTo(30L);
        assertThat(jdbc.queryForObject("SELECT min(next_poll_at) > now() FROM meter WHERE id = ANY(?)", Boolean.class, (Object) ids))
                .isTrue();
        // Each meter moved to exactly its next time under the schedule, in its own time zone.
        String zone = jdbc.queryForObject("SELECT min(timezone) FROM meter WHERE id = ANY(?)", String.class, (Object) ids);
        Instant expected = io.meterflow.hub.poll.Schedule.parse("every 1d").next(Instant.now(), java.time.ZoneId.of(zone));
        assertThat(jdbc.queryForList("SELECT DISTINCT next_poll_at FROM meter WHERE id = ANY(?)", java.sql.Timestamp.class,
                (Object) ids)).extracting(java.sql.Timestamp::toInstant).containsExactly(expected);
    }

    @Test
    void pollProfilesAreCheckedAndKeptWithinTheirOrganization() {
        String key = newOrganization("Profiles").adminKey().key();
        Response bad = post("/api/v1/poll-profiles", key, "{\"name\":\"x\",\"schedule\":\"sometimes\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("schedule");
        assertThat(post("/api/v1/poll-profiles", key, "{\"name\":\"q\",\"schedule\":\"0 0/15 * * * ?\"}").status()).isEqualTo(201);
        long p = profile(key, "{\"name\":\"hourly\",\"schedule\":\"every 1h offset 5m\"}");
        String other = newOrganization("Profiles other").adminKey().key();
        assertThat(get("/api/v1/poll-profiles/" + p, other).status()).isEqualTo(404);
        Response foreign = post("/api/v1/meters", other, toJson(Map.of("externalRef", "f", "medium", "gas", "pollProfileId", p)));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("field").asText()).isEqualTo("pollProfileId");
    }

    /** An M-Bus slave at primary address 0: E5 to SND_NKE, the conformance frame to REQ_UD2. */
    private static void mbusSlave(ServerSocket server, byte[] frame) {
        while (!server.isClosed()) {
            try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                byte[] shortFrame = new byte[5];
                while (in.readNBytes(shortFrame, 0, 5) == 5) {
                    int c = shortFrame[1] & 0xFF;
                    if ((c & 0x4F) == 0x40) {
                        out.write(0xE5);
                    } else if ((c & 0x4F) == 0x4B) {
                        out.write(frame);
                    }
                    out.flush();
                }
            } catch (java.io.IOException e) {
                return;
            }
        }
    }

    /** An IEC 62056-21 mode C meter: identification, then on the option select the readout with its BCC. */
    private static void iecMeter(ServerSocket server, String data) {
        while (!server.isClosed()) {
            try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                readLine(in);
                out.write("/MTF5METERFLOW01\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                readLine(in);
                ByteArrayOutputStream block = new ByteArrayOutputStream();
                block.writeBytes(data.getBytes(StandardCharsets.US_ASCII));
                block.write(0x03);
                int bcc = 0;
                for (byte b : block.toByteArray()) {
                    bcc ^= b;
                }
                out.write(0x02);
                out.write(block.toByteArray());
                out.write(bcc);
                out.flush();
            } catch (java.io.IOException e) {
                return;
            }
        }
    }

    private static String readLine(InputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.append((char) c);
        }
        return b.toString();
    }
}
