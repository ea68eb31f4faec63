package io.meterflow.hub.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import io.meterflow.hub.security.ApiKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meterflow admin-key}: a new admin API key for an organization's first admin, straight in
 * the database, for when the key printed at the first start is lost and no admin key is left. It
 * needs the database as the hub's own login role, which is what makes it safe to offer.
 */
@Command(name = "admin-key", mixinStandardHelpOptions = true,
        description = {"Create an admin API key for an organization, directly in the database.",
                "For the embedded default, run it while the hub runs, with the PostgreSQL port from the hub's log."})
public class AdminKeyCommand implements Callable<Integer> {

    @Option(names = "--jdbc-url", required = true, description = "The hub's database, e.g. jdbc:postgresql://127.0.0.1:5432/meterflow")
    String jdbcUrl;

    @Option(names = "--db-user", defaultValue = "postgres")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "")
    String dbPassword;

    @Option(names = "--organization", description = "The organization's id (default: the first one)")
    Long organization;

    @Override
    public Integer call() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword)) {
            long org;
            if (organization != null) {
                org = organization;
            } else {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT min(id) FROM organization")) {
                    rs.next();
                    org = rs.getLong(1);
                    if (rs.wasNull()) {
                        System.err.println("admin-key: the database has no organization yet; start the hub once to create one");
                        return 1;
                    }
                }
            }
            Long user = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT min(user_id) FROM membership WHERE organization_id = ? AND role = 'admin'")) {
                ps.setLong(1, org);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) {
                        user = rs.getLong(1);
                    }
                }
            }
            if (user == null) {
                System.err.println("admin-key: organization " + org + " does not exist or has no admin member");
                return 1;
            }
            String key = ApiKeys.generate();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO api_key (organization_id, user_id, name, role, prefix, key_hash)
                    VALUES (?, ?, ?, 'admin', ?, ?) RETURNING id""")) {
                ps.setLong(1, org);
                ps.setLong(2, user);
                ps.setString(3, "admin key made by admin-key on " + LocalDate.now());
                ps.setString(4, ApiKeys.displayPrefix(key));
                ps.setBytes(5, ApiKeys.hash(key));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    System.out.println("Admin API key " + rs.getLong(1) + " of organization " + org + " (shown only now):");
                    System.out.println(key);
                }
            }
            return 0;
        }
    }
}
