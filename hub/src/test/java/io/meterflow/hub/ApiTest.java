package io.meterflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterflow.hub.api.Accounts;
import io.meterflow.hub.api.Meters;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The REST API over HTTP: authentication, roles, errors, meters, readings, events and accounts. */
class ApiTest extends HubTest {

    @Autowired
    Meters meters;

    @Test
    void aRevokedKeyGets401() {
        Accounts.NewOrganization org = newOrganization("Revoke");
        String admin = org.adminKey().key();
        Response created = post("/api/v1/api-keys", admin, "{\"name\":\"integration\",\"role\":\"viewer\"}");
        assertThat(created.status()).isEqualTo(201);
        String viewer = created.json().get("key").asText();
        long id = created.json().get("id").asLong();
        assertThat(get("/api/v1/meters", viewer).status()).isEqualTo(200);

        assertThat(call("DELETE", "/api/v1/api-keys/" + id, admin, null, null).status()).isEqualTo(204);
        Response refused = get("/api/v1/meters", viewer);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).contains("revoked");
        // The listing shows the key as revoked, and never any secret.
        JsonNode listed = get("/api/v1/api-keys", admin).json().get("items");
        JsonNode entry = null;
        for (JsonNode k : listed) {
            if (k.get("id").asLong() == id) {
                entry = k;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.get("revokedAt").isNull()).isFalse();
        assertThat(listed.toString()).doesNotContain(viewer);
    }

    @Test
    void missingOrUnknownKeysGet401() {
        assertThat(get("/api/v1/meters", null).status()).isEqualTo(401);
        assertThat(get("/api/v1/meters", "mf_" + "A".repeat(43)).status()).isEqualTo(401);
        assertThat(get("/api/v1/meters", "not-a-key").status()).isEqualTo(401);
    }

    @Test
    void malformedJsonGets400ProblemJson() {
        String key = newOrganization("Malformed").adminKey().key();
        Response r = post("/api/v1/readings", key, "{\"readings\": [{\"meterId\": 1,");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("status").asInt()).isEqualTo(400);
        assertThat(p.get("title").asText()).isEqualTo("Bad Request");
        assertThat(p.get("detail").asText()).startsWith("malformed JSON at line 1");

        Response meter = post("/api/v1/meters", key, "{\"externalRef\": ");
        assertThat(meter.status()).isEqualTo(400);
        assertThat(meter.contentType()).startsWith("application/problem+json");
    }

    @Test
    void badFieldsGet400NamingTheField() {
        String key = newOrganization("Fields").adminKey().key();
        long meter = createMeter(key, "f-1", "electricity");
        Response badValue = post("/api/v1/readings", key, toJson(Map.of("readings", List.of(
                Map.of("meterId", meter, "register", "1.8.0", "value", "1", "unit", "kWh", "timestamp", "2026-12-01T00:00:00Z"),
                Map.of("meterId", meter, "register", "1.8.0", "value", "12,5", "unit", "kWh", "timestamp", "2026-12-01T00:15:00Z")))));
        assertThat(badValue.status()).isEqualTo(400);
        assertThat(badValue.json().get("field").asText()).isEqualTo("readings[1].value");
        assertThat(badValue.json().get("detail").asText()).contains("12,5");

        Response badUnit = post("/api/v1/readings", key, toJson(Map.of("readings", List.of(
                Map.of("meterId", meter, "register", "1.8.0", "value", "1", "unit", "furlongs", "timestamp", "2026-12-01T00:00:00Z")))));
        assertThat(badUnit.json().get("field").asText()).isEqualTo("readings[0].unit");

        Response badTime = post("/api/v1/readings", key, toJson(Map.of("readings", List.of(
                Map.of("meterId", meter, "register", "1.8.0", "value", "1", "unit", "Wh", "timestamp", "yesterday")))));
        assertThat(badTime.json().get("field").asText()).isEqualTo("readings[0].timestamp");

        Response tooOld = post("/api/v1/readings", key, toJson(Map.of("readings", List.of(
                Map.of("meterId", meter, "register", "1.8.0", "value", "1", "unit", "Wh", "timestamp", "1970-01-01T00:00:00Z")))));
        assertThat(tooOld.json().get("field").asText()).isEqualTo("readings[0].timestamp");

        Response badRegister = post("/api/v1/readings", key, toJson(Map.of("readings", List.of(
                Map.of("meterId", meter, "register", "1.8.0", "value", "1", "unit", "Wh", "timestamp", "2026-12-01T00:00:00Z"),
                Map.of("meterId", meter, "register", "energy (total)", "value", "1", "unit", "Wh", "timestamp", "2026-12-01T00:00:00Z")))));
        assertThat(badRegister.json().get("field").asText()).isEqualTo("readings[1].register");

        Response badMedium = post("/api/v1/meters", key, "{\"externalRef\":\"x\",\"medium\":\"plasma\"}");
        assertThat(badMedium.status()).isEqualTo(400);
        assertThat(badMedium.json().get("field").asText()).isEqualTo("medium");

        Response badZone = post("/api/v1/meters", key, "{\"externalRef\":\"x\",\"medium\":\"gas\",\"timezone\":\"Mars/Olympus\"}");
        assertThat(badZone.json().get("field").asText()).isEqualTo("timezone");

        Response badPage = get("/api/v1/meters?limit=0", key);
        assertThat(badPage.json().get("field").asText()).isEqualTo("limit");

        // Nothing of the failed requests was stored.
        assertThat(storedReadings(meter)).isZero();
    }

    @Test
    void aViewerReadsButCannotChange() {
        Accounts.NewOrganization org = newOrganization("Roles");
        String admin = org.adminKey().key();
        long meter = createMeter(admin, "r-1", "heat");
        String viewer = post("/api/v1/api-keys", admin, "{\"name\":\"dashboard\",\"role\":\"viewer\"}").json().get("key").asText();
        assertThat(get("/api/v1/meters/" + meter, viewer).status()).isEqualTo(200);
        Response denied = post("/api/v1/meters", viewer, "{\"externalRef\":\"r-2\",\"medium\":\"heat\"}");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("detail").asText()).contains("operator");
        assertThat(get("/api/v1/api-keys", viewer).status()).isEqualTo(403);
        assertThat(post("/api/v1/readings", viewer, "{\"readings\":[]}").status()).isEqualTo(403);
    }

    @Test
    void metersAreCreatedReadUpdatedListedInPagesAndDeleted() {
        String key = newOrganization("Meters").adminKey().key();
        Response created = post("/api/v1/meters", key, """
                {"externalRef":"E-100","medium":"electricity","serial":"87654321","name":"Feeder 7","protocol":"dlms",
                 "addressing":{"serverAddress":1},"timezone":"Europe/Oslo","ctRatio":"200","vtRatio":1}""");
        assertThat(created.status()).isEqualTo(201);
        JsonNode m = created.json();
        long id = m.get("id").asLong();
        assertThat(m.get("timezone").asText()).isEqualTo("Europe/Oslo");
        assertThat(m.get("ctRatio").decimalValue()).isEqualByComparingTo("200");
        assertThat(m.get("addressing").get("serverAddress").asInt()).isEqualTo(1);

        Response dup = post("/api/v1/meters", key, "{\"externalRef\":\"E-100\",\"medium\":\"gas\"}");
        assertThat(dup.status()).isEqualTo(409);

        Response patched = call("PATCH", "/api/v1/meters/" + id, key, "application/json", "{\"name\":\"Feeder 7b\"}");
        assertThat(patched.json().get("name").asText()).isEqualTo("Feeder 7b");
        assertThat(patched.json().get("serial").asText()).isEqualTo("87654321");

        for (int i = 0; i < 5; i++) {
            createMeter(key, "W-" + i, "water");
        }
        List<String> refs = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/v1/meters?medium=water&limit=2" + (next == null ? "" : "&after=" + next), key).json();
            page.get("items").forEach(it -> refs.add(it.get("externalRef").asText()));
            next = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (next != null);
        assertThat(refs).containsExactly("W-0", "W-1", "W-2", "W-3", "W-4");
        assertThat(pages).isEqualTo(3);
        assertThat(get("/api/v1/meters?q=feeder", key).json().get("items")).hasSize(1);

        assertThat(call("DELETE", "/api/v1/meters/" + id, key, null, null).status()).isEqualTo(204);
        assertThat(get("/api/v1/meters/" + id, key).status()).isEqualTo(404);
        assertThat(get("/api/v1/meters/not-a-number", key).status()).isEqualTo(404);
    }

    @Test
    void csvImportIsAllOrNothingAndUpdatesByExternalReference() {
        String key = newOrganization("Import").adminKey().key();
        String bad = "external_ref,serial,medium,timezone\nC-1,111,water,UTC\nC-2,222,lava,UTC\nC-3,333,gas,Nowhere/City\n";
        Response refused = call("POST", "/api/v1/meters/import", key, "text/csv", bad);
        assertThat(refused.status()).isEqualTo(400);
        JsonNode errors = refused.json().get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("line").asInt()).isEqualTo(3);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("medium");
        assertThat(errors.get(1).get("line").asInt()).isEqualTo(4);
        assertThat(errors.get(1).get("field").asText()).isEqualTo("timezone");
        assertThat(get("/api/v1/meters", key).json().get("items")).isEmpty();

        String good = "externalRef,serial,medium,name\nC-1,111,water,\"Block A, flat 1\"\nC-2,222,gas,Boiler room\n";
        java.sql.Timestamp beforeImport = jdbc.queryForObject("SELECT now()", java.sql.Timestamp.class);
        Response ok = call("POST", "/api/v1/meters/import", key, "text/csv", good);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("created").asInt()).isEqualTo(2);
        // An import that creates meters analyses the meter table (statistics are flushed within a second).
        await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'meter'", java.sql.Timestamp.class))
                .isNotNull().isAfterOrEqualTo(beforeImport));
        Response again = call("POST", "/api/v1/meters/import", key, "text/csv",
                "externalRef,medium,serial,addressing\nC-1,water,999,\"{\"\"primaryAddress\"\": 5}\"\n");
        assertThat(again.json().get("updated").asInt()).as(again.body()).isEqualTo(1);
        JsonNode c1 = get("/api/v1/meters?externalRef=C-1", key).json().get("items").get(0);
        assertThat(c1.get("serial").asText()).isEqualTo("999");
        assertThat(c1.get("addressing").get("primaryAddress").asInt()).isEqualTo(5);
        assertThat(c1.get("name").asText()).isEqualTo("Block A, flat 1");

        // A reference named twice in one import: created by its first row, updated by its second.
        Response twice = call("POST", "/api/v1/meters/import", key, "text/csv", "externalRef,medium,serial\nC-3,gas,1\nC-3,gas,2\n");
        assertThat(twice.json().get("created").asInt()).as(twice.body()).isEqualTo(1);
        assertThat(twice.json().get("updated").asInt()).as(twice.body()).isEqualTo(1);
        JsonNode c3 = get("/api/v1/meters?externalRef=C-3", key).json().get("items");
        assertThat(c3).hasSize(1);
        assertThat(c3.get(0).get("serial").asText()).isEqualTo("2");
    }

    @Test
    void readingsAreQueriedByRegisterAndRangeWithLatestAndCsvExport() {
        String key = newOrganization("Query").adminKey().key();
        long meter = createMeter(key, "q-1", "gas");
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int h = 0; h < 6; h++) {
            readings.add(Map.of("meterId", meter, "register", "3.0.0", "value", 100 + h + ".25", "unit", "m3",
                    "timestamp", "2026-11-30T0" + h + ":00:00Z"));
            readings.add(Map.of("meterId", meter, "register", "temperature", "value", "1" + h, "unit", "°C",
                    "timestamp", "2026-11-30T0" + h + ":00:00Z", "quality", List.of("estimated")));
        }
        assertThat(post("/api/v1/readings", key, toJson(Map.of("readings", readings))).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 12L);

        String base = "/api/v1/meters/" + meter + "/readings";
        JsonNode range = get(base + "?register=3.0.0&from=2026-11-30T01:00:00Z&to=2026-11-30T04:00:00Z", key).json();
        assertThat(range.get("items")).hasSize(3);
        JsonNode first = range.get("items").get(0);
        assertThat(first.get("register").asText()).isEqualTo("7-0:3.0.0*255");
        assertThat(first.get("value").asText()).isEqualTo("101.25");
        assertThat(first.get("unit").asText()).isEqualTo("m3");
        assertThat(first.get("timestamp").asText()).isEqualTo("2026-11-30T01:00:00Z");

        // Paging walks every reading once.
        List<String> seen = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = get(base + "?limit=5" + (next == null ? "" : "&after=" + next), key).json();
            page.get("items").forEach(it -> seen.add(it.get("register").asText() + "@" + it.get("timestamp").asText()));
            next = page.get("next").isNull() ? null : page.get("next").asText();
        } while (next != null);
        assertThat(seen).hasSize(12).doesNotHaveDuplicates();

        JsonNode latest = get(base + "/latest", key).json().get("items");
        assertThat(latest).hasSize(2);
        for (JsonNode l : latest) {
            assertThat(l.get("timestamp").asText()).isEqualTo("2026-11-30T05:00:00Z");
            if (l.get("register").asText().equals("temperature")) {
                assertThat(l.get("unit").asText()).isEqualTo("degC");
                assertThat(l.get("value").asText()).isEqualTo("15");
                assertThat(l.get("quality").get(0).asText()).isEqualTo("ESTIMATED");
            }
        }

        Response csv = get(base + "/export?register=temperature", key);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\n");
        assertThat(lines[0]).isEqualTo("meter_id,register,unit,timestamp,value,quality");
        assertThat(lines).hasSize(7);
        assertThat(lines[1]).isEqualTo(meter + ",temperature,degC,2026-11-30T00:00:00Z,10,ESTIMATED");
    }

    @Test
    void meterEventsAreListedByTimeRange() {
        Accounts.NewOrganization org = newOrganization("Events");
        long meter = createMeter(org.adminKey().key(), "ev-1", "electricity");
        for (String ts : List.of("2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z")) {
            jdbc.update("INSERT INTO meter_event (organization_id, meter_id, ts, code, severity, attributes) VALUES (?, ?, ?::timestamptz, 'power_failure', 'alarm', '{\"phase\":\"L1\"}')",
                    org.organization().id(), meter, ts);
        }
        JsonNode items = get("/api/v1/meters/" + meter + "/events?from=2026-11-02T00:00:00Z&to=2026-11-04T00:00:00Z",
                org.adminKey().key()).json().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("code").asText()).isEqualTo("power_failure");
        assertThat(items.get(0).get("timestamp").asText()).isEqualTo("2026-11-02T00:00:00Z");
        assertThat(items.get(0).get("attributes").get("phase").asText()).isEqualTo("L1");
    }

    @Test
    void meterKeysAreEncryptedAtRestAndNeverReturned() {
        Accounts.NewOrganization org = newOrganization("Keys");
        String key = org.adminKey().key();
        long meter = createMeter(key, "k-1", "electricity");
        String secret = "000102030405060708090a0b0c0d0e0f";
        assertThat(call("PUT", "/api/v1/meters/" + meter + "/keys/encryption", key, "application/json",
                "{\"key\":\"" + secret + "\"}").status()).isEqualTo(204);
        Response listed = get("/api/v1/meters/" + meter + "/keys", key);
        assertThat(listed.json().get("items").get(0).get("kind").asText()).isEqualTo("encryption");
        assertThat(listed.body()).doesNotContainIgnoringCase(secret);
        assertThat(get("/api/v1/meters/" + meter, key).body()).doesNotContainIgnoringCase(secret);

        byte[] stored = jdbc.queryForObject("SELECT ciphertext FROM meter_key WHERE meter_id = ?", byte[].class, meter);
        assertThat(HexFormat.of().formatHex(stored)).doesNotContain(secret);
        assertThat(meters.key(org.organization().id(), meter, "encryption")).isEqualTo(HexFormat.of().parseHex(secret));

        Response badHex = call("PUT", "/api/v1/meters/" + meter + "/keys/encryption", key, "application/json", "{\"key\":\"xyz\"}");
        assertThat(badHex.json().get("field").asText()).isEqualTo("key");
    }

    @Test
    void anAdminFoundsAnotherOrganizationAndManagesMembers() {
        Accounts.NewOrganization org = newOrganization("Parent");
        String admin = org.adminKey().key();
        Response created = post("/api/v1/organizations", admin, "{\"name\":\"Water board\"}");
        assertThat(created.status()).isEqualTo(201);
        String second = created.json().get("adminKey").get("key").asText();
        long secondId = created.json().get("organization").get("id").asLong();
        // One person, two organizations, a key for each.
        JsonNode mine = get("/api/v1/organizations", admin).json().get("items");
        assertThat(mine).hasSize(2);
        assertThat(get("/api/v1/organizations/" + secondId, second).json().get("name").asText()).isEqualTo("Water board");
        assertThat(get("/api/v1/organizations/" + secondId, admin).status()).isEqualTo(404);
        long waterMeter = createMeter(second, "wb-1", "water");
        assertThat(get("/api/v1/meters/" + waterMeter, admin).status()).isEqualTo(404);

        Response member = post("/api/v1/memberships", admin, "{\"email\":\"Field.Tech@example.test\",\"role\":\"operator\"}");
        assertThat(member.status()).isEqualTo(201);
        long userId = member.json().get("userId").asLong();
        assertThat(member.json().get("email").asText()).isEqualTo("field.tech@example.test");
        assertThat(post("/api/v1/memberships", admin, "{\"email\":\"field.tech@example.test\",\"role\":\"viewer\"}").status()).isEqualTo(409);

        Response tooMuch = post("/api/v1/api-keys", admin, "{\"name\":\"t\",\"role\":\"admin\",\"userId\":" + userId + "}");
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.json().get("field").asText()).isEqualTo("role");
        String techKey = post("/api/v1/api-keys", admin, "{\"name\":\"t\",\"role\":\"operator\",\"userId\":" + userId + "}")
                .json().get("key").asText();
        assertThat(post("/api/v1/meters", techKey, "{\"externalRef\":\"t-1\",\"medium\":\"gas\"}").status()).isEqualTo(201);

        // Lowering the member lowers the member's keys.
        assertThat(call("PATCH", "/api/v1/memberships/" + userId, admin, "application/json", "{\"role\":\"viewer\"}").status()).isEqualTo(200);
        assertThat(post("/api/v1/meters", techKey, "{\"externalRef\":\"t-2\",\"medium\":\"gas\"}").status()).isEqualTo(403);
        // The last admin can be neither demoted nor removed.
        long adminUser = -1;
        for (JsonNode m : get("/api/v1/memberships", admin).json().get("items")) {
            if (m.get("role").asText().equals("admin")) {
                adminUser = m.get("userId").asLong();
            }
        }
        assertThat(adminUser).isPositive();
        assertThat(call("PATCH", "/api/v1/memberships/" + adminUser, admin, "application/json", "{\"role\":\"viewer\"}").status()).isEqualTo(409);
        assertThat(call("DELETE", "/api/v1/memberships/" + adminUser, admin, null, null).status()).isEqualTo(409);
        // Removing the member revokes them.
        assertThat(call("DELETE", "/api/v1/memberships/" + userId, admin, null, null).status()).isEqualTo(204);
        assertThat(get("/api/v1/meters", techKey).status()).isEqualTo(401);
        assertThat(get("/api/v1/memberships", admin).json().get("items")).hasSize(1);
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        Response r = get("/api/v1/openapi.json", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = r.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.get("paths").has("/api/v1/readings")).isTrue();
        assertThat(doc.get("paths").has("/api/v1/meters/{meterId}/readings")).isTrue();
        assertThat(doc.get("paths").get("/api/v1/meters").has("post")).isTrue();
    }

    @Test
    void operationsEndpointsAnswerAndTheConsoleNeedsAnAdminKey() {
        JsonNode health = get("/actuator/health", null).json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("components").has("db")).isTrue();
        assertThat(health.get("components").has("rabbit")).isTrue();
        assertThat(health.get("components").has("camelHealth")).isTrue();
        Response prometheus = get("/actuator/prometheus", null);
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("camel_exchanges");
        assertThat(get("/actuator/hawtio/", null).status()).isEqualTo(401);
        Response jol = get("/actuator/jolokia/", null);
        assertThat(jol.status()).as(jol.body()).isEqualTo(401);
        Accounts.NewOrganization org = newOrganization("Console");
        assertThat(get("/actuator/hawtio/", org.adminKey().key()).status()).isEqualTo(200);
    }

    @Test
    void consumptionPerLocalDayComesFromTheCumulativeRegister() {
        String key = newOrganization("Consumption").adminKey().key();
        long meter = post("/api/v1/meters", key, "{\"externalRef\":\"c-1\",\"medium\":\"electricity\",\"timezone\":\"Europe/Oslo\"}")
                .json().get("id").asLong();
        // Every 6 hours from Oslo midnight of Dec 1 (23:00Z), 2 kWh an hour, one reading missing.
        List<Map<String, Object>> readings = new ArrayList<>();
        java.time.Instant t0 = java.time.Instant.parse("2026-11-30T23:00:00Z");
        for (int h = 0; h <= 48; h += 6) {
            if (h == 30) {
                continue;
            }
            readings.add(Map.of("meterId", meter, "register", "1.8.0", "value", String.valueOf(1000 + 2 * h), "unit", "kWh",
                    "timestamp", t0.plusSeconds(3600L * h).toString()));
        }
        assertThat(post("/api/v1/readings", key, toJson(Map.of("readings", readings))).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meter) == 8L);

        JsonNode c = get("/api/v1/meters/" + meter + "/consumption?register=1.8.0&interval=day"
                + "&from=2026-11-30T23:00:00Z&to=2026-12-02T23:00:00Z", key).json();
        assertThat(c.get("unit").asText()).isEqualTo("Wh");
        assertThat(c.get("timezone").asText()).isEqualTo("Europe/Oslo");
        JsonNode items = c.get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("from").asText()).isEqualTo("2026-11-30T23:00:00Z");
        assertThat(items.get(0).get("value").asText()).isEqualTo("48000");
        assertThat(items.get(0).get("estimated").asBoolean()).isFalse();
        assertThat(items.get(1).get("value").asText()).isEqualTo("48000");
        assertThat(c.get("total").asText()).isEqualTo("96000");

        JsonNode hours = get("/api/v1/meters/" + meter + "/consumption?register=1.8.0&interval=hour"
                + "&from=2026-12-02T03:00:00Z&to=2026-12-02T04:00:00Z", key).json().get("items");
        assertThat(hours.get(0).get("value").asText()).isEqualTo("2000");
        assertThat(hours.get(0).get("estimated").asBoolean()).isTrue();

        assertThat(get("/api/v1/meters/" + meter + "/consumption?register=1.8.0&from=2026-12-01T00:00:00Z", key)
                .json().get("field").asText()).isEqualTo("to");
        assertThat(get("/api/v1/meters/" + meter + "/consumption?register=1.8.0&interval=week&from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z", key)
                .json().get("field").asText()).isEqualTo("interval");
    }
}
