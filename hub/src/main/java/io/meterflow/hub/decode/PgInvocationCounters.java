package io.meterflow.hub.decode;

import java.util.List;

import io.meterflow.dlms.security.InvocationCounterStore;
import io.meterflow.hub.db.Tenancy;
import org.springframework.stereotype.Component;

/**
 * DLMS invocation counters in PostgreSQL, shared by every decode worker of every hub instance:
 * a secured push whose counter is not above the last one accepted from its system title is a
 * replay and is rejected. Advancing is one atomic statement, so two workers racing with the same
 * frame cannot both accept it.
 */
@Component
public class PgInvocationCounters implements InvocationCounterStore {

    private final Tenancy tenancy;

    public PgInvocationCounters(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public boolean advance(String systemTitle, long counter) {
        return tenancy.asSystem(jdbc -> !jdbc.queryForList("""
                INSERT INTO dlms_invocation_counter (system_title, counter) VALUES (?, ?)
                ON CONFLICT (system_title) DO UPDATE SET counter = EXCLUDED.counter, updated_at = now()
                 WHERE dlms_invocation_counter.counter < EXCLUDED.counter
                RETURNING counter""", Long.class, systemTitle, counter).isEmpty());
    }

    @Override
    public long last(String systemTitle) {
        List<Long> c = tenancy.asSystem(jdbc -> jdbc.queryForList(
                "SELECT counter FROM dlms_invocation_counter WHERE system_title = ?", Long.class, systemTitle));
        return c.isEmpty() ? -1 : c.get(0);
    }
}
