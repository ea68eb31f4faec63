package io.meterflow.hub.loadgen;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What loadgen's watchers of the database (the latency sampler and the wait for the last pushes)
 * share: they find a push by its register 1-0:1.8.0, whose value is unique per push, and their
 * connections probe keys only.
 */
final class EnergyProbes {

    private EnergyProbes() {
    }

    /**
     * Index look-ups only, on this connection: on a database that has not been analysed
     * (autovacuum off), the planner joined watches to a sequential scan of the whole reading
     * partition, and the probes took a fifth of a core from the database under test (perf record
     * over a push run: ExecEvalScalarArrayOp under a hash join).
     */
    static void indexLookupsOnly(Connection c) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute("SET enable_seqscan = off");
            st.execute("SET enable_hashjoin = off");
            st.execute("SET enable_mergejoin = off");
        }
    }

    /** The organization's registers 1-0:1.8.0 (one per unit seen); none before a reading of it was stored. */
    static Object[] registerIds(Connection c, long orgId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(array_agg(id), '{}') FROM register WHERE organization_id = ? AND key = '1-0:1.8.0*255'")) {
            ps.setLong(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return (Object[]) rs.getArray(1).getArray();
            }
        }
    }
}
