package io.meterflow.hub.api;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.meterflow.hub.db.Tenancy;
import io.meterflow.model.Medium;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reading look-ups for the API, within one organization. */
@Component
public class ReadingQueries {

    /** {@code register} as the caller wrote it; null bounds are open. */
    public record Range(Instant from, Instant to, String register) {
    }

    public record Item(String register, String unit, Instant timestamp, String value, List<String> quality) {
    }

    public record Page(List<Item> items, String next) {
    }

    private static final Instant MIN = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("2300-01-01T00:00:00Z");

    private final Tenancy tenancy;
    private final Meters meters;
    private final int maxExportRows;

    public ReadingQueries(Tenancy tenancy, Meters meters,
                          @Value("${meterflow.api.max-export-rows:1000000}") int maxExportRows) {
        this.tenancy = tenancy;
        this.meters = meters;
        this.maxExportRows = maxExportRows;
    }

    /** Readings in time order; {@code after} is the {@code next} of the previous page. */
    public Page page(long orgId, long meterId, Range range, int limit, String after) {
        Cursor cursor = after == null ? null : Cursor.parse(after);
        return tenancy.inOrganization(orgId, jdbc -> {
            String register = registerOf(jdbc, meterId, range);
            List<Object> args = new ArrayList<>(List.of(meterId, ts(range.from(), MIN), ts(range.to(), MAX)));
            StringBuilder sql = new StringBuilder("""
                    SELECT g.key, g.unit, r.ts, r.value, r.quality, r.register_id FROM reading r
                      JOIN register g ON g.id = r.register_id
                     WHERE r.meter_id = ? AND r.ts >= ? AND r.ts < ?""");
            if (register != null) {
                sql.append(" AND g.key = ?");
                args.add(register);
            }
            if (cursor != null) {
                sql.append(" AND (r.ts, r.register_id) > (?, ?)");
                args.add(Timestamp.from(cursor.ts()));
                args.add(cursor.registerId());
            }
            sql.append(" ORDER BY r.ts, r.register_id LIMIT ?");
            args.add(limit + 1);
            List<Object[]> rows = jdbc.query(sql.toString(), (rs, i) -> new Object[] {item(rs), rs.getLong(6)}, args.toArray());
            String next = null;
            if (rows.size() > limit) {
                rows = rows.subList(0, limit);
                Object[] last = rows.get(limit - 1);
                next = new Cursor(((Item) last[0]).timestamp(), (Long) last[1]).format();
            }
            return new Page(rows.stream().map(r -> (Item) r[0]).toList(), next);
        });
    }

    /** The newest reading of every register the meter has. */
    public List<Item> latest(long orgId, long meterId) {
        return tenancy.inOrganization(orgId, jdbc -> {
            meters.find(jdbc, meterId);
            return jdbc.query("""
                    SELECT g.key, g.unit, x.ts, x.value, x.quality FROM register g
                     CROSS JOIN LATERAL (SELECT r.ts, r.value, r.quality FROM reading r
                                          WHERE r.meter_id = ? AND r.register_id = g.id
                                          ORDER BY r.ts DESC LIMIT 1) x
                     ORDER BY g.key, g.unit""", (rs, i) -> item(rs), meterId);
        });
    }

    public String csv(long orgId, long meterId, Range range) {
        return tenancy.inOrganization(orgId, jdbc -> {
            String register = registerOf(jdbc, meterId, range);
            StringBuilder out = new StringBuilder("meter_id,register,unit,timestamp,value,quality\n");
            List<Object> args = new ArrayList<>(List.of(meterId, ts(range.from(), MIN), ts(range.to(), MAX)));
            String filter = "";
            if (register != null) {
                filter = " AND g.key = ?";
                args.add(register);
            }
            args.add(maxExportRows + 1);
            int[] count = {0};
            jdbc.query("""
                    SELECT g.key, g.unit, r.ts, r.value, r.quality FROM reading r JOIN register g ON g.id = r.register_id
                     WHERE r.meter_id = ? AND r.ts >= ? AND r.ts < ?""" + filter + " ORDER BY r.ts, g.key LIMIT ?", rs -> {
                if (++count[0] > maxExportRows) {
                    throw ApiProblem.badRequest("to", "the range holds more than " + maxExportRows
                            + " readings; export it in smaller ranges");
                }
                Item it = item(rs);
                out.append(meterId).append(',').append(Csv.escape(it.register())).append(',').append(Csv.escape(it.unit()))
                        .append(',').append(it.timestamp()).append(',').append(it.value()).append(',')
                        .append(Csv.escape(String.join(" ", it.quality()))).append('\n');
            }, args.toArray());
            return out.toString();
        });
    }

    /** The register filter as stored: an OBIS short form takes its A group from the meter's medium. */
    private String registerOf(JdbcTemplate jdbc, long meterId, Range range) {
        Meters.Meter m = meters.find(jdbc, meterId);
        if (range.register() == null) {
            return null;
        }
        return ReadingApi.registerKey(range.register(), Medium.fromCode(m.medium()).obisA());
    }

    private static Timestamp ts(Instant t, Instant dflt) {
        return Timestamp.from(t == null ? dflt : t);
    }

    private static Item item(ResultSet rs) throws SQLException {
        Array q = rs.getArray(5);
        List<String> quality = q == null ? List.of() : Arrays.asList((String[]) q.getArray());
        // Trailing zeros say nothing a meter measured (1234.5 kWh is stored as 1234500.0 Wh).
        return new Item(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                rs.getBigDecimal(4).stripTrailingZeros().toPlainString(), quality);
    }

    /** Page position: the last (time, register) seen, opaque to callers. */
    record Cursor(Instant ts, long registerId) {
        String format() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((ts + "|" + registerId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String s) {
            try {
                String[] p = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(io.meterflow.model.IsoInstant.parse(p[0]), Long.parseLong(p[1]));
            } catch (RuntimeException e) {
                throw ApiProblem.badRequest("after", "must be the 'next' value of the previous page");
            }
        }
    }
}
