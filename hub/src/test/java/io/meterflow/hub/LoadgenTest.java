package io.meterflow.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.meterflow.hub.api.Accounts;
import io.meterflow.hub.loadgen.LoadgenCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The load generator against the test hub, small and short: it must account for every reading it pushed. */
class LoadgenTest extends HubTest {

    @Test
    void aShortCipheredUdpLoadIsStoredCompletelyAndReported() {
        Accounts.NewOrganization admin = newOrganization("Loadgen admin");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int status;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            status = new CommandLine(new LoadgenCommand()).execute("--url", "http://127.0.0.1:" + port,
                    "--key", admin.adminKey().key(), "--jdbc-url", TestServices.jdbcUrl(), "--db-user", TestServices.PG_USER,
                    "--transport", "udp", "--port", Integer.toString(UDP_PORT), "--meters", "40", "--registers", "5",
                    "--rate", "20", "--duration", "3s", "--settle", "30s", "--baseline");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(status).as(out).isZero();
        assertThat(out).contains("offered             60 pushes, 300 readings").contains("stored              300 readings")
                .contains("lost                0 readings").contains("duplicated          0 readings").containsPattern("COPY baseline +[0-9]+ rows/s into reading, shaped as the run's")
                .containsPattern("COPY, one series +[0-9]+ rows/s")
                .containsPattern("push-to-commit +p50 [0-9]+ ms")
                .as("storage is awaited by each meter's last push").contains("the last pushes of 40 of 40 meters stored");
        // the baseline's rows (at 500 001 microseconds past a second) were rolled back
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reading WHERE ts > now() - interval '1 hour'"
                + " AND extract(microseconds FROM ts)::bigint % 1000000 = 500001", Long.class)).isZero();
    }
}
