package io.meterflow.hub.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.meterflow.hub.TestServices;
import org.junit.jupiter.api.Test;

/**
 * Rows in the binary COPY format, read by the real PostgreSQL: every value comes back as it was
 * given, numbers with their scale, times to the microsecond, texts, bytes, arrays and nulls.
 */
class BinaryCopyTest {

    @Test
    void postgresReadsBackEveryValueAsGiven() throws Exception {
        List<BigDecimal> values = new ArrayList<>(List.of(new BigDecimal("0"), new BigDecimal("0.000"), new BigDecimal("1.50"),
                new BigDecimal("-1.50"), new BigDecimal("12345.6"), new BigDecimal("0.05"), new BigDecimal("0.00001"),
                new BigDecimal("-0.0001"), new BigDecimal("9999"), new BigDecimal("10000"), new BigDecimal("1E+3"),
                new BigDecimal("-7E+9"), new BigDecimal("123456789012345678901234567890.123456789"),
                new BigDecimal("100000000.00000001"), new BigDecimal("0.1234"), new BigDecimal("12340000")));
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            BigInteger unscaled = new BigInteger(1 + random.nextInt(100), random);
            values.add(new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(30) - 8));
        }
        Instant t0 = Instant.parse("2026-11-15T10:20:30.123456Z");
        String[][] flags = {null, {"ESTIMATED"}, {"ESTIMATED", "CLOCK_INVALID"}, {}};
        String[] texts = {null, "", "dlms", "Zählerstand ✓"};
        BinaryCopy rows = new BinaryCopy();
        for (int i = 0; i < values.size(); i++) {
            rows.row(8).int8(1000L + i).int8(i % 5 == 0 ? null : Long.valueOf(Long.MIN_VALUE + i))
                    .timestamptz(micros(t0.plusSeconds(i * 3601L))).numeric(values.get(i)).textArray(flags[i % 4])
                    .text(texts[i % 4]).bytea(i % 7 == 0 ? null : new byte[] {(byte) i, 0, (byte) 0xff})
                    .int4(i % 3 == 0 ? null : Integer.valueOf(-i));
        }
        assertThat(rows.rows()).isEqualTo(values.size());

        int read = 0;
        int wrong = 0;
        List<String> firstWrong = new ArrayList<>();
        try (Connection c = TestServices.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE copied (n serial, a bigint, b bigint, ts timestamptz, value numeric, flags text[], t text,"
                    + " payload bytea, i integer)");
            assertThat(rows.copyInto(c, "copied", "(a, b, ts, value, flags, t, payload, i)")).isEqualTo(values.size());
            try (ResultSet rs = st.executeQuery("SELECT a, b, ts, value::text, flags, t, payload, i FROM copied ORDER BY n")) {
                while (rs.next()) {
                    int i = read++;
                    assertThat(rs.getLong(1)).isEqualTo(1000L + i);
                    assertThat((Long) rs.getObject(2)).isEqualTo(i % 5 == 0 ? null : Long.valueOf(Long.MIN_VALUE + i));
                    assertThat(rs.getTimestamp(3).toInstant()).isEqualTo(t0.plusSeconds(i * 3601L));
                    java.sql.Array a = rs.getArray(5);
                    assertThat(a == null ? null : (String[]) a.getArray()).isEqualTo(flags[i % 4]);
                    assertThat(rs.getString(6)).isEqualTo(texts[i % 4]);
                    assertThat(rs.getBytes(7)).isEqualTo(i % 7 == 0 ? null : new byte[] {(byte) i, 0, (byte) 0xff});
                    assertThat((Integer) rs.getObject(8)).isEqualTo(i % 3 == 0 ? null : Integer.valueOf(-i));
                    String expected = values.get(i).toPlainString();
                    if (!expected.equals(rs.getString(4))) {
                        wrong++;
                        if (firstWrong.size() < 5) {
                            firstWrong.add(expected + " came back as " + rs.getString(4));
                        }
                    }
                }
            }
        }
        System.out.printf("BinaryCopy: %d of %d numbers read back as given, %d not%n", read - wrong, read, wrong);
        assertThat(read).isEqualTo(values.size());
        assertThat(firstWrong).isEmpty();
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
}
