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

    @Override
    public boolean advance(String systemTitle, long counter) {
        return tenancy.asSystem(jdbc -> {
            long highest = jdbc.queryForObject("""
                    INSERT INTO dlms_invocation_counter (system_title, counter) VALUES (?, ?)
                    ON CONFLICT (system_title) DO UPDATE
                       SET counter = greatest(dlms_invocation_counter.counter, EXCLUDED.counter), updated_at = now()
                    RETURNING counter""", Long.class, systemTitle, counter);
            if (counter <= highest - window) {
                return false;
            }
            boolean first = jdbc.update("INSERT INTO dlms_invocation_seen (system_title, counter) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    systemTitle, counter) == 1;
            if (first && counter == highest) {
                // Counters below the window are refused by the check above; their rows are no longer needed.
                jdbc.update("DELETE FROM dlms_invocation_seen WHERE system_title = ? AND counter <= ?", systemTitle, highest - window);
            }
            return first;
        });
    }

    @Override
    public long last(String systemTitle) {
        List<Long> c = tenancy.asSystem(jdbc -> jdbc.queryForList(
                "SELECT counter FROM dlms_invocation_counter WHERE system_title = ?", Long.class, systemTitle));
        return c.isEmpty() ? -1 : c.get(0);
    }
}
