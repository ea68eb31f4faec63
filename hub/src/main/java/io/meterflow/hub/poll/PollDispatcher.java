package io.meterflow.hub.poll;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.meterflow.hub.db.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Publishes the reads that are due. Fired by a clustered Quartz trigger, so normally one hub
 * instance dispatches at a time; and each due meter is claimed with {@code FOR UPDATE SKIP LOCKED}
 * and moved to its next time in the same transaction as its job is published, so even two
 * dispatchers at once publish each meter once per period.
 */
@Component("pollDispatcher")
public class PollDispatcher {

    private static final Logger log = LoggerFactory.getLogger(PollDispatcher.class);

    private record Due(long meterId, long organizationId, String timezone, String schedule, Instant dueAt) {
    }

    private final Tenancy tenancy;
    private final PollJobs jobs;
    private final int batchSize;

    public PollDispatcher(Tenancy tenancy, PollJobs jobs, @Value("${meterflow.poll.dispatch-batch:1000}") int batchSize) {
        this.tenancy = tenancy;
        this.jobs = jobs;
        this.batchSize = batchSize;
    }

    /** @return how many poll jobs were published */
    public int dispatchDue() {
        scheduleNew();
        int total = 0;
        while (true) {
            int n = tenancy.asSystem(jdbc -> {
                Instant now = Instant.now();
                List<Due> due = jdbc.query("""
                                SELECT m.id, m.organization_id, m.timezone, p.schedule, m.next_poll_at
                                  FROM meter m JOIN poll_profile p ON p.id = m.poll_profile_id
                                 WHERE m.next_poll_at <= ? ORDER BY m.next_poll_at LIMIT ?
                                   FOR UPDATE OF m SKIP LOCKED""",
                        (rs, i) -> new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getTimestamp(5).toInstant()),
                        java.sql.Timestamp.from(now), batchSize);
                List<PollJobs.PollJob> out = new ArrayList<>();
                Long[] ids = new Long[due.size()];
                java.sql.Timestamp[] nexts = new java.sql.Timestamp[due.size()];
                Map<String, Instant> nextBySchedule = new HashMap<>();
                for (int i = 0; i < due.size(); i++) {
                    Due d = due.get(i);
                    // Meters of one profile and time zone share their next time: worked out once per batch.
                    Instant next = nextBySchedule.computeIfAbsent(d.schedule() + "\n" + d.timezone(),
                            k -> nextTime(d.schedule(), d.timezone(), now));
                    ids[i] = d.meterId();
                    nexts[i] = next == null ? null : java.sql.Timestamp.from(next);
                    out.add(new PollJobs.PollJob(d.organizationId(), d.meterId(), "scheduled", d.dueAt()));
                }
                // One statement for the whole batch: a statement per meter made the dispatch of a large
                // cycle (10,000 meters due at once) take seconds of the database's and the hub's time.
                if (ids.length > 0) {
                    jdbc.update("""
                            UPDATE meter m SET next_poll_at = u.next
                              FROM unnest(?::bigint[], ?::timestamptz[]) AS u(id, next) WHERE m.id = u.id""", ps -> {
                        ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids));
                        ps.setArray(2, ps.getConnection().createArrayOf("timestamptz", nexts));
                    });
                }
                // Published inside the transaction: if the broker does not confirm, the claims roll back.
                jobs.publish(out);
                return out.size();
            });
            total += n;
            if (n < batchSize) {
                break;
            }
        }
        if (total > 0) {
            log.debug("Dispatched {} poll jobs", total);
        }
        return total;
    }

    /** Meters that got a poll profile (or whose profile changed) are given their first time. */
    private void scheduleNew() {
        tenancy.asSystem(jdbc -> {
            Instant now = Instant.now();
            jdbc.query("""
                            SELECT m.id, m.timezone, p.schedule FROM meter m JOIN poll_profile p ON p.id = m.poll_profile_id
                             WHERE m.next_poll_at IS NULL LIMIT 10000 FOR UPDATE OF m SKIP LOCKED""",
                    rs -> {
                        Instant next = nextTime(rs.getString(3), rs.getString(2), now);
                        if (next != null) {
                            jdbc.update("UPDATE meter SET next_poll_at = ? WHERE id = ?", java.sql.Timestamp.from(next), rs.getLong(1));
                        }
                    });
            return null;
        });
    }

    static Instant nextTime(String schedule, String timezone, Instant after) {
        try {
            return Schedule.parse(schedule).next(after, ZoneId.of(timezone));
        } catch (RuntimeException e) {
            log.warn("Poll schedule '{}' cannot be used: {}", schedule, e.getMessage());
            return null;
        }
    }
}
