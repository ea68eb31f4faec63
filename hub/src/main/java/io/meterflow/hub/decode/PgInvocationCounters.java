package io.meterflow.hub.decode;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * DLMS invocation counters in PostgreSQL, shared by every decode worker of every hub instance.
 *
 * <p>A secured push is a replay when its counter was accepted before from the same system title.
 * Competing decode workers may take a meter's pushes slightly out of order, so instead of
 * "above the last one" the check is a window (as in IPsec): a counter is accepted once, and only
 * while it is within {@code meterflow.decode.dlms-replay-window} of the highest one seen.
 * The decode workers check all counters of a batch of frames in one call
 * ({@code dlms_advance_counters}, migration V8) inside the transaction that stores the frames'
 * readings, so two workers with the same frame cannot both accept it, and a counter is accepted
 * exactly when the frame's readings are committed.
 */
@Component
public class PgInvocationCounters {

    /** One counter to check: the sender's system title (hex) and the frame's invocation counter. */
    public record Seen(String systemTitle, long counter) {
    }

    /** The answer for one {@link Seen}: accepted, and the highest counter seen from its sender. */
    public record Checked(boolean accepted, long highest) {
    }

    private final long window;

    public PgInvocationCounters(@Value("${meterflow.decode.dlms-replay-window:1024}") long window) {
        this.window = window;
    }

    /** Checks and records the counters, in order, in the caller's transaction. */
    public List<Checked> advanceAll(JdbcTemplate jdbc, List<Seen> seen) {
        if (seen.isEmpty()) {
            return List.of();
        }
        String[] titles = new String[seen.size()];
        Long[] counters = new Long[seen.size()];
        for (int i = 0; i < seen.size(); i++) {
            titles[i] = seen.get(i).systemTitle();
            counters[i] = seen.get(i).counter();
        }
        return jdbc.execute((Connection c) -> {
            try (var ps = c.prepareStatement("""
                    SELECT accepted, highest FROM dlms_advance_counters(?::text[], ?::bigint[], ?) WITH ORDINALITY AS r
                     ORDER BY r.ordinality""")) {
                ps.setArray(1, c.createArrayOf("text", titles));
                ps.setArray(2, c.createArrayOf("bigint", counters));
                ps.setLong(3, window);
                List<Checked> out = new ArrayList<>(seen.size());
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Checked(rs.getBoolean(1), rs.getLong(2)));
                    }
                }
                return out;
            }
        });
    }

    /** The replay window: how far below the highest counter seen a counter is still accepted (once). */
    public long window() {
        return window;
    }
}
