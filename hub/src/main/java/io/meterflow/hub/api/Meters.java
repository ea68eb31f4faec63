package io.meterflow.hub.api;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterflow.hub.db.Tenancy;
import io.meterflow.hub.security.MasterKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Meters and their keys in the database, always within one organization. */
@Component
public class Meters {

    public record Meter(long id, String externalRef, String serial, String name, String medium, String protocol,
                        String deviceKey, JsonNode addressing, String endpoint, String timezone, BigDecimal ctRatio,
                        BigDecimal vtRatio, Long pollProfileId, String meterType, Instant createdAt, Instant updatedAt) {
    }

    /** Fields of a create or update; null means "not given". */
    public record MeterInput(String externalRef, String serial, String name, String medium, String protocol,
                             String deviceKey, JsonNode addressing, String endpoint, String timezone,
                             BigDecimal ctRatio, BigDecimal vtRatio, Long pollProfileId, boolean clearPollProfile,
                             String meterType) {
    }

    public record Filter(String medium, String protocol, String serial, String externalRef, String text) {
    }

    public record Page<T>(List<T> items, String next) {
    }

    public record KeyInfo(String kind, Instant createdAt) {
    }

    private static final String COLUMNS = """
            id, external_ref, serial, name, medium, protocol, device_key, addressing::text, endpoint, timezone,
            ct_ratio, vt_ratio, poll_profile_id, meter_type, created_at, updated_at""";

    private final Tenancy tenancy;
    private final ObjectMapper json;
    private final MasterKey masterKey;

    public Meters(Tenancy tenancy, ObjectMapper json, MasterKey masterKey) {
        this.tenancy = tenancy;
        this.json = json;
        this.masterKey = masterKey;
    }

    public Meter create(long orgId, MeterInput in) {
        return tenancy.inOrganization(orgId, jdbc -> insert(jdbc, orgId, in));
    }

    public Meter get(long orgId, long id) {
        return tenancy.inOrganization(orgId, jdbc -> find(jdbc, id));
    }

    public Page<Meter> list(long orgId, Filter f, int limit, long after) {
        return tenancy.inOrganization(orgId, jdbc -> {
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM meter WHERE id > ?");
            List<Object> args = new ArrayList<>();
            args.add(after);
            if (f.medium() != null) {
                sql.append(" AND medium = ?");
                args.add(f.medium());
            }
            if (f.protocol() != null) {
                sql.append(" AND protocol = ?");
                args.add(f.protocol());
            }
            if (f.serial() != null) {
                sql.append(" AND serial = ?");
                args.add(f.serial());
            }
            if (f.externalRef() != null) {
                sql.append(" AND external_ref = ?");
                args.add(f.externalRef());
            }
            if (f.text() != null) {
                sql.append(" AND (name ILIKE ? OR external_ref ILIKE ? OR serial ILIKE ?)");
                String like = "%" + f.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                args.add(like);
                args.add(like);
                args.add(like);
            }
            sql.append(" ORDER BY id LIMIT ?");
            args.add(limit + 1);
            List<Meter> rows = jdbc.query(sql.toString(), this::row, args.toArray());
            String next = null;
            if (rows.size() > limit) {
                rows = rows.subList(0, limit);
                next = Long.toString(rows.get(limit - 1).id());
            }
            return new Page<>(rows, next);
        });
    }

    public Meter update(long orgId, long id, MeterInput in) {
        return tenancy.inOrganization(orgId, jdbc -> {
            find(jdbc, id);
            requireProfile(jdbc, in.pollProfileId());
            jdbc.update("""
                            UPDATE meter SET external_ref = coalesce(?, external_ref), serial = coalesce(?, serial),
                                   name = coalesce(?, name), medium = coalesce(?, medium), protocol = coalesce(?, protocol),
                                   device_key = coalesce(?, device_key), addressing = coalesce(?::jsonb, addressing),
                                   endpoint = coalesce(?, endpoint), timezone = coalesce(?, timezone),
                                   ct_ratio = coalesce(?, ct_ratio), vt_ratio = coalesce(?, vt_ratio),
                                   meter_type = coalesce(?, meter_type), updated_at = now()
                             WHERE id = ?""",
                    in.externalRef(), in.serial(), in.name(), in.medium(), in.protocol(), in.deviceKey(),
                    in.addressing() == null ? null : in.addressing().toString(), in.endpoint(), in.timezone(),
                    in.ctRatio(), in.vtRatio(), in.meterType(), id);
            if (in.pollProfileId() != null || in.clearPollProfile() || in.timezone() != null) {
                // next_poll_at NULL: the dispatcher gives the meter its next time under the (new) schedule.
                jdbc.update("UPDATE meter SET poll_profile_id = CASE WHEN ? THEN NULL ELSE coalesce(?, poll_profile_id) END,"
                        + " next_poll_at = NULL WHERE id = ?", in.clearPollProfile(), in.pollProfileId(), id);
            }
            return find(jdbc, id);
        });
    }

    public void delete(long orgId, long id) {
        tenancy.inOrganization(orgId, jdbc -> {
            if (jdbc.update("DELETE FROM meter WHERE id = ?", id) == 0) {
                throw ApiProblem.notFound("meter " + id);
            }
            return null;
        });
    }

    /**
     * Creates or updates (by external reference) every row in one transaction: all or nothing.
     * The meters that exist are looked up once for the whole import: looked up row by row, on a
     * database without statistics, each look-up read all of the organization's meters (the plan
     * kept from the empty table used the index on organization and serial), so an import of
     * 10 000 meters read 50 million rows.
     */
    public int[] importAll(long orgId, List<MeterInput> rows) {
        int[] done = importRows(orgId, rows);
        if (done[0] > 0) {
            analyzeMeters();
        }
        return done;
    }

    /**
     * Fresh statistics for the planner after meters were created in bulk: on a database that
     * autovacuum does not analyse, or before it does, the meter table's statistics still say it is
     * empty, as its indexes were made on an empty table; the planner then finds a meter by id, or
     * by device key, through the index on organization and serial, reading all of the
     * organization's meters (auto_explain over a registration and push of 1 000 meters: 5 034 such
     * scans, 2 after). ANALYZE also makes the hub's connections plan their statements again. The
     * import is committed by then, so a failure here is logged and does not fail it.
     */
    private void analyzeMeters() {
        try {
            tenancy.asSystem(jdbc -> {
                jdbc.execute("ANALYZE meter");
                return null;
            });
        } catch (org.springframework.dao.DataAccessException e) {
            org.slf4j.LoggerFactory.getLogger(Meters.class).warn("ANALYZE meter after an import failed: {}", e.toString());
        }
    }

    private int[] importRows(long orgId, List<MeterInput> rows) {
        return tenancy.inOrganization(orgId, jdbc -> {
            Map<String, Long> ids = new HashMap<>();
            jdbc.query("SELECT external_ref, id FROM meter WHERE external_ref = ANY(?)", rs -> {
                ids.put(rs.getString(1), rs.getLong(2));
            }, (Object) rows.stream().map(MeterInput::externalRef).distinct().toArray(String[]::new));
            int created = 0;
            int updated = 0;
            for (MeterInput in : rows) { // every row has an external reference (required on create)
                Long id = ids.get(in.externalRef());
                if (id == null) {
                    // a later row of the import with the same reference updates this meter
                    ids.put(in.externalRef(), insert(jdbc, orgId, in).id());
                    created++;
                } else {
                    requireProfile(jdbc, in.pollProfileId());
                    // The same columns as a create: a row updates every field it gives, and only those.
                    jdbc.update("""
                                    UPDATE meter SET serial = coalesce(?, serial), name = coalesce(?, name), medium = ?,
                                           protocol = coalesce(?, protocol), device_key = coalesce(?, device_key),
                                           addressing = coalesce(?::jsonb, addressing),
                                           endpoint = coalesce(?, endpoint), timezone = coalesce(?, timezone),
                                           ct_ratio = coalesce(?, ct_ratio), vt_ratio = coalesce(?, vt_ratio),
                                           meter_type = coalesce(?, meter_type),
                                           poll_profile_id = coalesce(?, poll_profile_id),
                                           next_poll_at = CASE WHEN CAST(? AS bigint) IS NULL THEN next_poll_at ELSE NULL END,
                                           updated_at = now()
                                     WHERE id = ?""",
                            in.serial(), in.name(), in.medium(), in.protocol(), in.deviceKey(),
                            in.addressing() == null ? null : in.addressing().toString(), in.endpoint(), in.timezone(),
                            in.ctRatio(), in.vtRatio(), in.meterType(), in.pollProfileId(), in.pollProfileId(), id);
                    updated++;
                }
            }
            return new int[] {created, updated};
        });
    }

    /** Ids and media of meters named by id or by external reference; those not found are absent. */
    public record Ref(long id, String medium) {
    }

    public Map<Object, Ref> resolve(long orgId, Collection<Long> ids, Collection<String> externalRefs) {
        return tenancy.inOrganization(orgId, jdbc -> {
            Map<Object, Ref> found = new HashMap<>();
            if (!ids.isEmpty()) {
                jdbc.query("SELECT id, medium FROM meter WHERE id = ANY(?)", rs -> {
                    found.put(rs.getLong(1), new Ref(rs.getLong(1), rs.getString(2)));
                }, (Object) ids.toArray(Long[]::new));
            }
            if (!externalRefs.isEmpty()) {
                jdbc.query("SELECT external_ref, id, medium FROM meter WHERE external_ref = ANY(?)", rs -> {
                    found.put(rs.getString(1), new Ref(rs.getLong(2), rs.getString(3)));
                }, (Object) externalRefs.toArray(String[]::new));
            }
            return found;
        });
    }

    public void putKey(long orgId, long meterId, String kind, byte[] key) {
        MasterKey.Sealed sealed = masterKey.seal(key, keyContext(orgId, meterId, kind));
        tenancy.inOrganization(orgId, jdbc -> {
            find(jdbc, meterId);
            jdbc.update("""
                    INSERT INTO meter_key (organization_id, meter_id, kind, ciphertext, nonce) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (meter_id, kind) DO UPDATE SET ciphertext = EXCLUDED.ciphertext, nonce = EXCLUDED.nonce,
                                                              created_at = now()""",
                    orgId, meterId, kind, sealed.ciphertext(), sealed.nonce());
            return null;
        });
    }

    /** A meter's key in clear, for the decoders; never for the API. */
    public byte[] key(long orgId, long meterId, String kind) {
        return tenancy.inOrganization(orgId, jdbc -> jdbc.query(
                        "SELECT ciphertext, nonce FROM meter_key WHERE meter_id = ? AND kind = ?",
                        (rs, i) -> new MasterKey.Sealed(rs.getBytes(2), rs.getBytes(1)), meterId, kind)
                .stream().findFirst().map(s -> masterKey.open(s, keyContext(orgId, meterId, kind))).orElse(null));
    }

    /** All of a meter's keys in clear, by kind, for the decoders; never for the API. */
    public Map<String, byte[]> keysOf(long orgId, long meterId) {
        Map<String, byte[]> keys = new HashMap<>();
        tenancy.inOrganization(orgId, jdbc -> {
            jdbc.query("SELECT kind, ciphertext, nonce FROM meter_key WHERE meter_id = ?", rs -> {
                String kind = rs.getString(1);
                keys.put(kind, openKey(orgId, meterId, kind, rs.getBytes(2), rs.getBytes(3)));
            }, meterId);
            return null;
        });
        return keys;
    }

    /** A meter's key as the database holds it (sealed with the master key), opened. */
    public byte[] openKey(long orgId, long meterId, String kind, byte[] ciphertext, byte[] nonce) {
        return masterKey.open(new MasterKey.Sealed(nonce, ciphertext), keyContext(orgId, meterId, kind));
    }

    public List<KeyInfo> keys(long orgId, long meterId) {
        return tenancy.inOrganization(orgId, jdbc -> {
            find(jdbc, meterId);
            return jdbc.query("SELECT kind, created_at FROM meter_key WHERE meter_id = ? ORDER BY kind",
                    (rs, i) -> new KeyInfo(rs.getString(1), rs.getTimestamp(2).toInstant()), meterId);
        });
    }

    public void deleteKey(long orgId, long meterId, String kind) {
        tenancy.inOrganization(orgId, jdbc -> {
            if (jdbc.update("DELETE FROM meter_key WHERE meter_id = ? AND kind = ?", meterId, kind) == 0) {
                throw ApiProblem.notFound("key '" + kind + "' of meter " + meterId);
            }
            return null;
        });
    }

    private static String keyContext(long orgId, long meterId, String kind) {
        return "meterflow.meter_key/" + orgId + "/" + meterId + "/" + kind;
    }

    /** A foreign key does not see row-level security: the profile must be checked to be the organization's own. */
    private static void requireProfile(JdbcTemplate jdbc, Long profileId) {
        if (profileId != null && jdbc.queryForList("SELECT id FROM poll_profile WHERE id = ?", Long.class, profileId).isEmpty()) {
            throw ApiProblem.badRequest("pollProfileId", "no poll profile " + profileId + " in this organization");
        }
    }

    private Meter insert(JdbcTemplate jdbc, long orgId, MeterInput in) {
        requireProfile(jdbc, in.pollProfileId());
        return jdbc.queryForObject("INSERT INTO meter (organization_id, external_ref, serial, name, medium, protocol, device_key,"
                        + " addressing, endpoint, timezone, ct_ratio, vt_ratio, poll_profile_id, meter_type)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, coalesce(?::jsonb, '{}'), ?, coalesce(?, 'UTC'), coalesce(?, 1), coalesce(?, 1), ?, ?)"
                        + " RETURNING " + COLUMNS,
                this::row, orgId, in.externalRef(), in.serial(), in.name(), in.medium(), in.protocol(), in.deviceKey(),
                in.addressing() == null ? null : in.addressing().toString(), in.endpoint(), in.timezone(), in.ctRatio(),
                in.vtRatio(), in.pollProfileId(), in.meterType());
    }

    Meter find(JdbcTemplate jdbc, long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM meter WHERE id = ?", this::row, id)
                .stream().findFirst().orElseThrow(() -> ApiProblem.notFound("meter " + id));
    }

    private Meter row(ResultSet rs, int i) throws SQLException {
        JsonNode addressing;
        try {
            addressing = json.readTree(rs.getString(8));
        } catch (Exception e) {
            throw new SQLException("meter " + rs.getLong(1) + " has unreadable addressing", e);
        }
        return new Meter(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), addressing, rs.getString(9), rs.getString(10), rs.getBigDecimal(11),
                rs.getBigDecimal(12), (Long) rs.getObject(13), rs.getString(14), rs.getTimestamp(15).toInstant(),
                rs.getTimestamp(16).toInstant());
    }
}
