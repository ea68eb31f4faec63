package io.meterflow.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.meterflow.hub.api.Accounts;
import io.meterflow.hub.cli.AdminKeyCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A lost first key is replaced from the command line, and the new key works through the API. */
class AdminKeyCommandTest extends HubTest {

    @Test
    void aNewAdminKeyWorksForItsOrganizationOnly() {
        Accounts.NewOrganization org = newOrganization("Lost key");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int status;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            status = new CommandLine(new AdminKeyCommand()).execute("--jdbc-url", TestServices.jdbcUrl(), "--db-user",
                    TestServices.PG_USER, "--organization", Long.toString(org.organization().id()));
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(status).as(out).isZero();
        String key = out.lines().filter(l -> l.startsWith("mf_")).findFirst().orElseThrow();
        assertThat(get("/api/v1/api-keys", key).status()).isEqualTo(200);
        assertThat(get("/api/v1/organizations/" + org.organization().id(), key).json().get("id").asLong())
                .isEqualTo(org.organization().id());
        assertThat(new CommandLine(new AdminKeyCommand()).execute("--jdbc-url", TestServices.jdbcUrl(), "--db-user",
                TestServices.PG_USER, "--organization", "999999999")).isEqualTo(1);
    }
}
