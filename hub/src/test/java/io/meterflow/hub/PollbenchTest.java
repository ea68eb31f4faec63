package io.meterflow.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.meterflow.hub.api.Accounts;
import io.meterflow.hub.pollbench.PollbenchCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The poll benchmark against the test hub with a small farm: one cycle through the real dispatcher
 * and workers must read every meter (HLS, ciphered, four registers and a day of load profile)
 * and store every reading.
 */
class PollbenchTest extends HubTest {

    @Test
    void aSmallFarmIsPolledOnceCompletelyAndReported() {
        Accounts.NewOrganization admin = newOrganization("Pollbench admin");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int status;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            status = new CommandLine(new PollbenchCommand()).execute("--url", "http://127.0.0.1:" + port,
                    "--key", admin.adminKey().key(), "--jdbc-url", TestServices.jdbcUrl(), "--db-user", TestServices.PG_USER,
                    "--meters", "20", "--farm-port", Integer.toString(TestServices.freePort()), "--lead", "4s",
                    "--farm-warmup", "40", "--stall", "30s", "--settle", "60s");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertThat(status).as(out).isZero();
        // The farm's own warm-up sessions all complete, and the cycle's counts start after them.
        assertThat(out).contains("pollbench: the farm served 40 warm-up sessions of its own");
        // 4 registers and 96 load-profile rows a meter.
        assertThat(out).contains("sessions            20 finished of 20 meters").contains("ok                  20")
                .contains("failed              0").contains("readings            2000 published, 2000 stored")
                .contains("farm                20 sessions served, 0 broken").contains("sessions/s").contains("hub heap            max");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM meter WHERE external_ref LIKE 'pb-%' AND poll_profile_id IS NOT NULL",
                Long.class)).as("the profile is deleted after the run, so the farm's meters are not read again").isZero();
    }
}
