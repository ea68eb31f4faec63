package io.meterflow.hub.pollbench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the hub's database says about the benchmark's organization: when its meters are due, how
 * many the dispatcher has sent, the finished poll runs, and the readings stored. Read with a
 * connection of its own, as the hub's tables are the truth the report is made of.
 */
final class PollRuns implements AutoCloseable {

    record Progress(long finished, long ok, long dispatched) {
    }

    record Run(long meterId, Instant started, Instant finished, String outcome, String error, int readings, int attempts) {
    }

    private final Connection c;
    private final long orgId;

    PollRuns(String jdbcUrl, String user, String password, long orgId) throws SQLException {
        try {
            this.c = DriverManager.getConnection(jdbcUrl, user, password);
        } catch (SQLException e) {
            throw new SQLException("cannot reach the hub's database at " + jdbcUrl + " as " + user + ": " + e.getMessage(), e);
        }
        this.orgId = orgId;
    }

    /** Meters of the organization whose next read is at {@code due}. */
    long dueAt(Instant due) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM meter WHERE organization_id = ? AND next_poll_at = ?")) {
            ps.setLong(1, orgId);
            ps.setTimestamp(2, Timestamp.from(due));
            return single(ps);
        }
    }

    /** Finished runs, successful runs, and meters the dispatcher has moved past {@code due} (their job is published). */
    Progress progress(Instant due) throws SQLException {
        long finished;
        long ok;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*), count(*) FILTER (WHERE outcome = 'success') FROM poll_run WHERE organization_id = ?")) {
            ps.setLong(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                finished = rs.getLong(1);
                ok = rs.getLong(2);
            }
        }
        long dispatched;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM meter WHERE organization_id = ? AND next_poll_at > ?")) {
            ps.setLong(1, orgId);
            ps.setTimestamp(2, Timestamp.from(due));
            dispatched = single(ps);
        }
        return new Progress(finished, ok, dispatched);
    }

    List<Run> runs() throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT meter_id, started_at, finished_at, outcome, error, readings, attempts FROM poll_run
                 WHERE organization_id = ? ORDER BY started_at""")) {
            ps.setLong(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(new Run(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5),
                            rs.getInt(6), rs.getInt(7)));
                }
            }
        }
        return runs;
    }

    long storedReadings() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM reading WHERE organization_id = ?")) {
            ps.setLong(1, orgId);
            return single(ps);
        }
    }

    private static long single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
