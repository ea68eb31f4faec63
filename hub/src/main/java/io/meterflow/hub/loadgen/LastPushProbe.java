package io.meterflow.hub.loadgen;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether each meter's last push is stored: per meter, its newest reading of 1-0:1.8.0 (a short
 * backward scan of the reading table's key) compared with the value it pushed last.
 *
 * <p>loadgen waits for storage with this instead of counting the organization's readings over and
 * over: a count reads the whole partition, about a third of a second of the database's CPU for
 * five million rows, and counted every quarter second while the hub drained its queue it took
 * CPU from the hub under test and was charged to the database's figure. The probe costs the
 * database one index descent per meter. The readings are counted once it sees every last push.
 */
final class LastPushProbe implements AutoCloseable {

    private final Connection c;
    private final List<SimulatedMeter> fleet;
    private final Long[] meterIds;
    private final Object[] registerIds;
    private final PreparedStatement probe;

    LastPushProbe(String url, String user, String password, long orgId, List<SimulatedMeter> fleet, String externalRefPrefix)
            throws SQLException {
        this.c = DriverManager.getConnection(url, user, password);
        this.fleet = fleet;
        EnergyProbes.indexLookupsOnly(c);
        Map<String, Long> byRef = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT external_ref, id FROM meter WHERE organization_id = ?")) {
            ps.setLong(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byRef.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        meterIds = new Long[fleet.size()];
        for (int i = 0; i < fleet.size(); i++) {
            meterIds[i] = byRef.get(externalRefPrefix + i);
        }
        registerIds = EnergyProbes.registerIds(c, orgId);
        probe = c.prepareStatement("""
                SELECT count(*) FROM unnest(?::bigint[], ?::numeric[]) AS w(meter_id, value)
                 WHERE w.value = (SELECT max(newest.value) FROM unnest(?::bigint[]) AS reg(id),
                                  LATERAL (SELECT r.value FROM reading r WHERE r.meter_id = w.meter_id AND r.register_id = reg.id
                                            ORDER BY r.ts DESC LIMIT 1) AS newest)""");
    }

    /** How many meters pushed at least once (and were found registered): the most {@link #stored} can answer. */
    int pushed() {
        int n = 0;
        for (int i = 0; i < fleet.size(); i++) {
            if (fleet.get(i).lastEnergy() > 0 && meterIds[i] != null) {
                n++;
            }
        }
        return n;
    }

    /** How many meters have their last push stored. */
    int stored() throws SQLException {
        List<Long> ids = new ArrayList<>(fleet.size());
        List<Long> values = new ArrayList<>(fleet.size());
        for (int i = 0; i < fleet.size(); i++) {
            long last = fleet.get(i).lastEnergy();
            if (last > 0 && meterIds[i] != null) {
                ids.add(meterIds[i]);
                values.add(last);
            }
        }
        probe.setArray(1, c.createArrayOf("bigint", ids.toArray()));
        probe.setArray(2, c.createArrayOf("numeric", values.toArray()));
        probe.setArray(3, c.createArrayOf("bigint", registerIds));
        try (ResultSet rs = probe.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
