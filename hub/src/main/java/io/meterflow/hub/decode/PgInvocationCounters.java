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

    /*
     * The check of dlms_advance_counters for a batch in which every sender appears once, as one
     * statement over the whole batch instead of three statements per frame in a PL/pgSQL loop:
     * 18 against 64 microseconds of the database's time per frame (500 frames in psql). The
     * highest counters are raised, the counters within the window recorded (a repeat conflicts and
     * is refused), and for a counter that became its sender's highest, the records that fell out
     * of the window are dropped. The statement's parts see one snapshot, so the drop never sees
     * the counters this batch records, and never needs to: they are within the window.
     */
    private static final String ADVANCE_DISTINCT = """
            WITH input AS (SELECT * FROM unnest(?::text[], ?::bigint[]) WITH ORDINALITY AS i(title, counter, n)),
            high AS (INSERT INTO dlms_invocation_counter AS c (system_title, counter) SELECT title, counter FROM input
                     ON CONFLICT (system_title) DO UPDATE SET counter = greatest(c.counter, EXCLUDED.counter), updated_at = now()
                     RETURNING c.system_title, c.counter),
            added AS (INSERT INTO dlms_invocation_seen (system_title, counter)
                      SELECT i.title, i.counter FROM input i JOIN high h ON h.system_title = i.title WHERE i.counter > h.counter - ?
                      ON CONFLICT DO NOTHING RETURNING system_title, counter),
            dropped AS (DELETE FROM dlms_invocation_seen d USING added a JOIN high h ON h.system_title = a.system_title
                         WHERE a.counter = h.counter AND d.system_title = a.system_title AND d.counter <= h.counter - ?)
            SELECT a.counter IS NOT NULL, h.counter FROM input i JOIN high h ON h.system_title = i.title
                   LEFT JOIN added a ON a.system_title = i.title
             ORDER BY i.n""";

    /**
     * Checks and records the counters, in order, in the caller's transaction. A batch in which a
     * sender appears more than once is checked frame by frame ({@code dlms_advance_counters}), since
     * each of its counters must be checked against the ones before it.
     */
    public List<Checked> advanceAll(JdbcTemplate jdbc, List<Seen> seen) {
        if (seen.isEmpty()) {
            return List.of();
        }
        String[] titles = new String[seen.size()];
        Long[] counters = new Long[seen.size()];
        java.util.Set<String> senders = new java.util.HashSet<>();
        for (int i = 0; i < seen.size(); i++) {
            titles[i] = seen.get(i).systemTitle();
            counters[i] = seen.get(i).counter();
            senders.add(titles[i]);
        }
        boolean distinct = senders.size() == seen.size();
        return jdbc.execute((Connection c) -> {
            try (var ps = c.prepareStatement(distinct ? ADVANCE_DISTINCT : """
                    SELECT accepted, highest FROM dlms_advance_counters(?::text[], ?::bigint[], ?) WITH ORDINALITY AS r
                     ORDER BY r.ordinality""")) {
                ps.setArray(1, c.createArrayOf("text", titles));
                ps.setArray(2, c.createArrayOf("bigint", counters));
                ps.setLong(3, window);
                if (distinct) {
                    ps.setLong(4, window);
                }
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
