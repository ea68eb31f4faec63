package io.meterflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.meterflow.hub.api.Accounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A key of organization B never reads or changes anything of organization A: through the API, and underneath in SQL. */
class TenantIsolationTest extends HubTest {

    Accounts.NewOrganization a;
    Accounts.NewOrganization b;
    long meterA;

    @BeforeEach
    void twoTenants() {
        a = newOrganization("Utility A");
        b = newOrganization("Utility B");
        meterA = createMeter(a.adminKey().key(), "shared-ref", "electricity");
        Response posted = post("/api/v1/readings", a.adminKey().key(), toJson(Map.of("readings", List.of(
                Map.of("meterId", meterA, "register", "1.8.0", "value", "10.5", "unit", "kWh", "timestamp", "2026-12-01T00:00:00Z")))));
        assertThat(posted.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedReadings(meterA) == 1L);
    }

    @Test
    void organizationBsKeyGets404ForOrganizationAsMeterAndNeverSeesItsReadings() {
        String keyB = b.adminKey().key();
        String m = "/api/v1/meters/" + meterA;
        assertThat(get(m, keyB).status()).isEqualTo(404);
        assertThat(get(m, keyB).contentType()).startsWith("application/problem+json");
        assertThat(get(m + "/readings", keyB).status()).isEqualTo(404);
        assertThat(get(m + "/readings/latest", keyB).status()).isEqualTo(404);
        assertThat(get(m + "/readings/export", keyB).status()).isEqualTo(404);
        assertThat(get(m + "/events", keyB).status()).isEqualTo(404);
        assertThat(get(m + "/keys", keyB).status()).isEqualTo(404);
        assertThat(call("PATCH", m, keyB, "application/json", "{\"name\":\"taken\"}").status()).isEqualTo(404);
        assertThat(call("DELETE", m, keyB, null, null).status()).isEqualTo(404);
        assertThat(call("PUT", m + "/keys/encryption", keyB, "application/json", "{\"key\":\"00112233\"}").status()).isEqualTo(404);
        assertThat(get("/api/v1/organizations/" + a.organization().id(), keyB).status()).isEqualTo(404);

        // The meter list of B holds nothing of A, even filtered by A's external reference.
        assertThat(get("/api/v1/meters?externalRef=shared-ref", keyB).json().get("items")).isEmpty();
        // B cannot post readings to A's meter, by id or by external reference.
        Response byId = post("/api/v1/readings", keyB, toJson(Map.of("readings", List.of(
                Map.of("meterId", meterA, "register", "1.8.0", "value", "1", "unit", "kWh", "timestamp", "2026-12-02T00:00:00Z")))));
        assertThat(byId.status()).isEqualTo(400);
        assertThat(byId.json().get("field").asText()).isEqualTo("readings[0].meterId");
        Response byRef = post("/api/v1/readings", keyB, toJson(Map.of("readings", List.of(
                Map.of("meter", "shared-ref", "register", "1.8.0", "value", "1", "unit", "kWh", "timestamp", "2026-12-02T00:00:00Z")))));
        assertThat(byRef.status()).isEqualTo(400);

        // A still has its meter, unchanged, with its one reading.
        Response mine = get(m, a.adminKey().key());
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().get("name").isNull()).isTrue();
        assertThat(get(m + "/readings", a.adminKey().key()).json().get("items")).hasSize(1);
        assertThat(storedReadings(meterA)).isEqualTo(1L);
    }

    @Test
    void withOrganizationBsSettingAPlainSelectOfOrganizationAsRowsReturnsNothing() throws SQLException {
        long orgA = a.organization().id();
        long orgB = b.organization().id();
        try (Connection c = TestServices.connect()) {
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                st.execute("SET LOCAL ROLE meterflow_app");
                st.execute("SELECT set_config('meterflow.organization_id', '" + orgB + "', true)");
                for (String table : List.of("meter", "reading", "register", "api_key", "membership")) {
                    try (var rs = st.executeQuery("SELECT count(*) FROM " + table + " WHERE organization_id = " + orgA)) {
                        rs.next();
                        assertThat(rs.getLong(1)).as(table).isZero();
                    }
                }
                try (var rs = st.executeQuery("SELECT count(*) FROM reading WHERE meter_id = " + meterA)) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
                try (var rs = st.executeQuery("SELECT count(*) FROM organization")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("B sees only itself").isEqualTo(1L);
                }
                // Changes do not reach A's rows either.
                assertThat(st.executeUpdate("UPDATE meter SET name = 'taken' WHERE id = " + meterA)).isZero();
                assertThat(st.executeUpdate("DELETE FROM reading WHERE meter_id = " + meterA)).isZero();
                // And B cannot write rows that claim to be A's.
                assertThatThrownBy(() -> st.executeUpdate("INSERT INTO meter (organization_id, external_ref, medium) VALUES ("
                        + orgA + ", 'sneaky', 'electricity')"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
            }
            c.rollback();

            // With A's setting the same query finds A's rows: the policy, not an empty table, hid them.
            try (var st = c.createStatement()) {
                st.execute("SET LOCAL ROLE meterflow_app");
                st.execute("SELECT set_config('meterflow.organization_id', '" + orgA + "', true)");
                try (var rs = st.executeQuery("SELECT count(*) FROM reading WHERE meter_id = " + meterA)) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(1L);
                }
            }
            c.rollback();

            // With no organization set, the application role sees no tenant row at all.
            try (var st = c.createStatement()) {
                st.execute("SET LOCAL ROLE meterflow_app");
                try (var rs = st.executeQuery("SELECT count(*) FROM meter")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
            }
            c.rollback();
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.meterflow.hub.db.Tenancy tenancy;

    /** switchTo skips a switch to the organization the transaction already has, and only that one. */
    @Test
    void aTransactionSwitchesBetweenOrganizationsAndTheNextStartsWithNone() {
        String org = "SELECT current_setting('meterflow.organization_id', true) || '/' || current_user";
        List<String> seen = tenancy.asSystem(jdbc -> {
            List<String> s = new java.util.ArrayList<>();
            tenancy.switchTo(jdbc, 101);
            tenancy.switchTo(jdbc, 101);
            s.add(jdbc.queryForObject(org, String.class));
            tenancy.switchTo(jdbc, 202);
            s.add(jdbc.queryForObject(org, String.class));
            tenancy.switchTo(jdbc, 101);
            s.add(jdbc.queryForObject(org, String.class));
            return s;
        });
        assertThat(seen).containsExactly("101/meterflow_app", "202/meterflow_app", "101/meterflow_app");
        // The next transaction is switched again, though it asks for the organization the last one ended in.
        String next = tenancy.asSystem(jdbc -> {
            tenancy.switchTo(jdbc, 101);
            return jdbc.queryForObject(org, String.class);
        });
        assertThat(next).isEqualTo("101/meterflow_app");
        String none = tenancy.asSystem(jdbc -> jdbc.queryForObject(
                "SELECT coalesce(current_setting('meterflow.organization_id', true), '')", String.class));
        assertThat(none).isEmpty();
    }
}
