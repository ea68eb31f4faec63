package io.meterflow.hub.db;

import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs database work on behalf of one organization, or as the hub itself.
 *
 * <p>Tenant work switches to the application role with {@code SET LOCAL ROLE} and names the
 * organization with a transaction-local setting; the row-level security policies of the schema
 * then limit every statement to that organization, so a query that forgets its filter still
 * cannot cross tenants. Both settings end with the transaction, so a pooled connection never
 * carries one caller's organization into the next.
 */
@Component
public class Tenancy {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final String appRole;

    public Tenancy(JdbcTemplate jdbc, PlatformTransactionManager txManager,
                   @Value("${meterflow.database.app-role:meterflow_app}") String appRole) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
        if (!appRole.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("meterflow.database.app-role must be a plain lower-case identifier, was '" + appRole + "'");
        }
        this.appRole = appRole;
    }

    /** Runs {@code work} in one transaction that sees and changes only {@code organizationId}'s rows. */
    public <T> T inOrganization(long organizationId, Function<JdbcTemplate, T> work) {
        return tx.execute(status -> {
            switchTo(jdbc, organizationId);
            return work.apply(jdbc);
        });
    }

    /**
     * Runs {@code work} in one transaction as the application role, for several organizations in
     * turn: {@code work} names the organization with the given switch before each part, and
     * row-level security then limits what follows to it. Lets small writes of several
     * organizations share one commit.
     */
    public <T> T inOrganizations(java.util.function.BiFunction<JdbcTemplate, java.util.function.LongConsumer, T> work) {
        return tx.execute(status -> {
            jdbc.queryForObject("SELECT set_config('role', ?, true)", String.class, appRole);
            return work.apply(jdbc, organizationId -> switchTo(jdbc, organizationId));
        });
    }

    /**
     * Inside a transaction of {@link #asSystem}: from here to its end, work as the application role
     * for {@code organizationId}, as {@link #inOrganization} does. Lets the decode workers archive
     * frames as the hub and store their readings under row-level security in one commit.
     */
    public void switchTo(JdbcTemplate within, long organizationId) {
        // A poll worker's transaction is already its organization's when it stores the readings:
        // the organization switched to is remembered for the transaction, saving a round trip.
        Object current = TransactionSynchronizationManager.getResource(this);
        if (current instanceof Long org && org == organizationId) {
            return;
        }
        // role and organization in one round trip: set_config('role', ..., true) is SET LOCAL ROLE
        within.queryForObject("SELECT set_config('role', ?, true), set_config('meterflow.organization_id', ?, true)",
                (rs, i) -> null, appRole, Long.toString(organizationId));
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        if (current != null) {
            TransactionSynchronizationManager.unbindResource(this);
        } else {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Tenancy.this);
                }
            });
        }
        TransactionSynchronizationManager.bindResource(this, organizationId);
    }

    /** Runs {@code work} in one transaction as the hub itself, across organizations. Keep to look-ups and upkeep. */
    public <T> T asSystem(Function<JdbcTemplate, T> work) {
        return tx.execute(status -> work.apply(jdbc));
    }
}
