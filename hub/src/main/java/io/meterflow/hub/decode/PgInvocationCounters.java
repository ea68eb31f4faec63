package io.meterflow.hub.decode;

import java.util.List;

import io.meterflow.dlms.security.InvocationCounterStore;
import io.meterflow.hub.db.Tenancy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * DLMS invocation counters in PostgreSQL, shared by every decode worker of every hub instance.
 *
 * <p>A secured push is a replay when its counter was accepted before from the same system title.
 * Competing decode workers may take a meter's pushes slightly out of order, so instead of
 * "above the last one" the check is a window (as in IPsec): a counter is accepted once, and only
 * while it is within {@code meterflow.decode.dlms-replay-window} of the highest one seen.
 * Recording a counter is one atomic insert, so two workers with the same frame cannot both accept it.
 */
@Component
public class PgInvocationCounters implements InvocationCounterStore {

    private final Tenancy tenancy;
    private final long window;

    public PgInvocationCounters(Tenancy tenancy, @Value("${meterflow.decode.dlms-replay-window:1024}") long window) {
        this.tenancy = tenancy;
        this.window = window;
    }

    /**
     * One statement, so one round trip: raise the highest counter, record this one as seen if it
     * is inside the window, and drop the records that fell out of the window when this counter is
     * the new highest. The parts run on one snapshot, so the purge never touches the row just added
     * (it is inside the window).
     */
    private static final String ADVANCE = """
            WITH up AS (
                INSERT INTO dlms_invocation_counter (system_title, counter) VALUES (?, ?)
                ON CONFLICT (system_title) DO UPDATE
                   SET counter = greatest(dlms_invocation_counter.counter, EXCLUDED.counter), updated_at = now()
                RETURNING counter AS highest),
            seen AS (
                INSERT INTO dlms_invocation_seen (system_title, counter)
                SELECT ?, ? FROM up WHERE ? > up.highest - ?
                ON CONFLICT DO NOTHING
                RETURNING counter),
            purge AS (
                DELETE FROM dlms_invocation_seen d USING up, seen
                 WHERE d.system_title = ? AND d.counter <= up.highest - ? AND seen.counter = up.highest)
            SELECT count(*) FROM seen""";

    @Override
    public boolean advance(String systemTitle, long counter) {
        return tenancy.asSystem(jdbc -> jdbc.queryForObject(ADVANCE, Long.class,
                systemTitle, counter, systemTitle, counter, counter, window, systemTitle, window) == 1L);
    }

    @Override
    public long last(String systemTitle) {
        List<Long> c = tenancy.asSystem(jdbc -> jdbc.queryForList(
                "SELECT counter FROM dlms_invocation_counter WHERE system_title = ?", Long.class, systemTitle));
        return c.isEmpty() ? -1 : c.get(0);
    }
}
