package io.meterflow.hub.loadgen;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.postgresql.PGConnection;

/**
 * The machine's limit for storage: PostgreSQL COPY of {@code rows} reading rows into the same
 * partitioned {@code reading} table, alone, in one transaction that is rolled back afterwards.
 */
final class CopyBaseline {

    private CopyBaseline() {
    }

    /** @return rows per second */
    static double run(Connection c, long orgId, long rows) throws Exception {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            long meter;
            long register;
            try (var rs = st.executeQuery("SELECT id FROM meter WHERE organization_id = " + orgId + " ORDER BY id LIMIT 1")) {
                rs.next();
                meter = rs.getLong(1);
            }
            try (var rs = st.executeQuery("INSERT INTO register (organization_id, key, unit) VALUES (" + orgId
                    + ", 'copy-baseline', 'Wh') ON CONFLICT (organization_id, key, unit) DO UPDATE SET key = EXCLUDED.key RETURNING id")) {
                rs.next();
                register = rs.getLong(1);
            }
            // Rows from a month back, one a second, in partitions that exist or are made here: as
            // many months as the rows span (six million rows are 69 days).
            Instant t0 = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
            java.time.YearMonth first = java.time.YearMonth.from(t0.atZone(java.time.ZoneOffset.UTC));
            java.time.YearMonth last = java.time.YearMonth.from(t0.plusSeconds(rows).atZone(java.time.ZoneOffset.UTC));
            for (java.time.YearMonth ym = first; !ym.isAfter(last); ym = ym.plusMonths(1)) {
                st.execute(String.format("CREATE TABLE IF NOT EXISTS reading_y%04dm%02d PARTITION OF reading FOR VALUES FROM ('%s 00:00:00+00') TO ('%s 00:00:00+00')",
                        ym.getYear(), ym.getMonthValue(), ym.atDay(1), ym.plusMonths(1).atDay(1)));
            }
            StringBuilder data = new StringBuilder();
            for (long i = 0; i < rows; i++) {
                data.append(orgId).append('\t').append(meter).append('\t').append(register).append('\t')
                        .append(t0.plusSeconds(i)).append('\t').append(i).append('\n');
            }
            long start = System.nanoTime();
            ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyIn(
                    "COPY reading (organization_id, meter_id, register_id, ts, value) FROM STDIN", new StringReader(data.toString()));
            c.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            st.execute("DELETE FROM reading WHERE register_id = " + register);
            c.commit();
            return rows / seconds;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
