package io.meterflow.hub.loadgen;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

import io.meterflow.hub.db.ReadingPartitions;
import org.postgresql.PGConnection;

/**
 * The machine's limit for storage: PostgreSQL COPY of as many reading rows into the same
 * partitioned {@code reading} table, alone, in one transaction.
 *
 * <p>{@link #runShaped}: rows shaped like the run's, the organization's meters and registers
 * second by second, into the partition the run wrote, as the readings came; this is the
 * baseline the hub is compared with. {@link #run}: the first measure, kept for comparison with
 * earlier reports, one meter's one register in time order into partitions of months before,
 * empty: every row goes to the right end of one key range of a small index, the cheapest case
 * PostgreSQL has.
 */
final class CopyBaseline {

    private CopyBaseline() {
    }

    /**
     * COPY of {@code rows} rows: for each second back from now, a row for each of the
     * organization's meters and each register it has readings in, in that order, at 500 001
     * microseconds past the second (the run's pushes carry hundredths of a second, so no row
     * meets a stored reading's key); timed to the end of the COPY, then rolled back.
     *
     * @return rows per second
     */
    static double runShaped(Connection c, long orgId, long rows) throws Exception {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            java.util.List<Long> meters = new java.util.ArrayList<>();
            try (var rs = st.executeQuery("SELECT id FROM meter WHERE organization_id = " + orgId + " ORDER BY id")) {
                while (rs.next()) {
                    meters.add(rs.getLong(1));
                }
            }
            java.util.List<Long> registers = new java.util.ArrayList<>();
            try (var rs = st.executeQuery("SELECT id FROM register WHERE organization_id = " + orgId
                    + " AND key <> 'copy-baseline' ORDER BY key")) {
                while (rs.next()) {
                    registers.add(rs.getLong(1));
                }
            }
            if (meters.isEmpty() || registers.isEmpty()) {
                throw new IllegalStateException("organization " + orgId + " has no meters or registers to shape the baseline by");
            }
            long series = (long) meters.size() * registers.size();
            long seconds = (rows + series - 1) / series;
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(seconds + 1).plusNanos(500_001_000L);
            partitions(st, t0, t0.plusSeconds(seconds));
            StringBuilder data = new StringBuilder();
            long n = 0;
            for (long k = 0; k < seconds && n < rows; k++) {
                String ts = t0.plusSeconds(k).toString();
                for (int m = 0; m < meters.size() && n < rows; m++) {
                    for (int r = 0; r < registers.size() && n < rows; r++, n++) {
                        data.append(orgId).append('\t').append(meters.get(m)).append('\t').append(registers.get(r)).append('\t')
                                .append(ts).append('\t').append(n).append('\n');
                    }
                }
            }
            long start = System.nanoTime();
            ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyIn(
                    "COPY reading (organization_id, meter_id, register_id, ts, value) FROM STDIN", new StringReader(data.toString()));
            double elapsed = (System.nanoTime() - start) / 1e9;
            return n / elapsed;
        } finally {
            c.rollback();
            c.setAutoCommit(auto);
        }
    }

    /** Makes the monthly partitions that rows from {@code from} to {@code to} fall in, where missing. */
    private static void partitions(Statement st, Instant from, Instant to) throws java.sql.SQLException {
        YearMonth last = ReadingPartitions.monthOf(to);
        for (YearMonth m = ReadingPartitions.monthOf(from); !m.isAfter(last); m = m.plusMonths(1)) {
            st.execute(ReadingPartitions.createStatement(m));
        }
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
            partitions(st, t0, t0.plusSeconds(rows));
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
