package io.meterflow.hub.ops;

import io.meterflow.hub.api.Accounts;
import io.meterflow.hub.db.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * First start of an empty database: creates an organization and its first admin, and prints the
 * admin's API key once. The key is not stored anywhere in clear; whoever starts the hub first
 * copies it from the log. Several hubs starting together on an empty database agree through an
 * advisory lock, so exactly one organization is made.
 */
@Component
public class Bootstrap {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final Accounts accounts;
    private final Tenancy tenancy;
    private final boolean enabled;
    private final String organizationName;
    private final String adminEmail;

    public Bootstrap(Accounts accounts, Tenancy tenancy,
                     @Value("${meterflow.bootstrap.enabled:true}") boolean enabled,
                     @Value("${meterflow.bootstrap.organization-name:Default organization}") String organizationName,
                     @Value("${meterflow.bootstrap.admin-email:admin@localhost}") String adminEmail) {
        this.accounts = accounts;
        this.tenancy = tenancy;
        this.enabled = enabled;
        this.organizationName = organizationName;
        this.adminEmail = adminEmail;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void firstStart() {
        if (!enabled) {
            return;
        }
        Accounts.NewOrganization created = tenancy.asSystem(jdbc -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext('meterflow.bootstrap'))", Object.class);
            return accounts.anyOrganization() ? null : accounts.createOrganization(organizationName, null, adminEmail);
        });
        if (created != null) {
            log.warn("""

                    ================================================================================
                     First start: created organization {} "{}" with admin {}.
                     Its admin API key, shown only this once:

                       {}

                     Use it as:  Authorization: Bearer <key>
                    ================================================================================""",
                    created.organization().id(), created.organization().name(), adminEmail, created.adminKey().key());
        }
    }
}
