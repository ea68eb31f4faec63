package io.meterflow.hub;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The real PostgreSQL and RabbitMQ the tests run against: those of the machine by default
 * (127.0.0.1:5432, user postgres; 127.0.0.1:5672, guest), or others through MF_TEST_PG_HOST,
 * MF_TEST_PG_PORT, MF_TEST_PG_USER, MF_TEST_PG_PASSWORD, MF_TEST_PG_DB, MF_TEST_AMQP_HOST,
 * MF_TEST_AMQP_PORT, MF_TEST_AMQP_VHOST (a virtual host of its own keeps two test runs on one broker
 * from taking each other's messages). The test database is created when missing.
 */
public final class TestServices {

    public static final String PG_HOST = env("MF_TEST_PG_HOST", "127.0.0.1");
    public static final String PG_PORT = env("MF_TEST_PG_PORT", "5432");
    public static final String PG_USER = env("MF_TEST_PG_USER", "postgres");
    public static final String PG_PASSWORD = env("MF_TEST_PG_PASSWORD", "");
    public static final String PG_DB = env("MF_TEST_PG_DB", "meterflow_test");
    public static final String AMQP_HOST = env("MF_TEST_AMQP_HOST", "127.0.0.1");
    public static final String AMQP_PORT = env("MF_TEST_AMQP_PORT", "5672");
    public static final String AMQP_VHOST = env("MF_TEST_AMQP_VHOST", "/");
    public static final String MQTT_HOST = env("MF_TEST_MQTT_HOST", "127.0.0.1");
    public static final String MQTT_PORT = env("MF_TEST_MQTT_PORT", "1883");
    /** A fixed master key for tests only. */
    public static final String MASTER_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private static boolean databaseReady;

    private TestServices() {
    }

    public static String jdbcUrl() {
        ensureDatabase();
        return "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + PG_DB;
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), PG_USER, PG_PASSWORD);
    }

    private static synchronized void ensureDatabase() {
        if (databaseReady) {
            return;
        }
        String admin = "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, PG_USER, PG_PASSWORD);
             var ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, PG_DB);
            boolean exists;
            try (var rs = ps.executeQuery()) {
                exists = rs.next();
            }
            if (!exists) {
                try (var st = c.createStatement()) {
                    st.execute("CREATE DATABASE \"" + PG_DB.replace("\"", "") + "\"");
                } catch (SQLException e) {
                    // another test JVM made it meanwhile
                    if (!"42P04".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
            databaseReady = true;
        } catch (SQLException e) {
            throw new IllegalStateException("The tests need PostgreSQL at " + PG_HOST + ":" + PG_PORT + " (user " + PG_USER
                    + "); start it (see .ci/run) or set MF_TEST_PG_*: " + e.getMessage(), e);
        }
    }

    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
