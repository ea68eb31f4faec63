package io.meterflow.hub.decode;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.meterflow.hub.db.Tenancy;
import org.springframework.stereotype.Component;

/**
 * {@code raw_frame}: every frame as it arrived, with what became of it. Frames that wait for
 * their meter or key ({@code staged}) and frames that failed can be decoded again later.
 */
@Component
public class RawFrameArchive {

    public record Archived(long id, Long organizationId, Long meterId, String protocol, String transport, String source,
                           Instant receivedAt, byte[] payload) {
    }

    private final Tenancy tenancy;

    public RawFrameArchive(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    public long archive(Long organizationId, String protocol, String transport, String source, Instant receivedAt, byte[] payload) {
        return archive(organizationId, null, protocol, transport, source, receivedAt, payload);
    }

    public long archive(Long organizationId, Long meterId, String protocol, String transport, String source, Instant receivedAt,
                        byte[] payload) {
        return tenancy.asSystem(jdbc -> jdbc.queryForObject("""
                        INSERT INTO raw_frame (organization_id, meter_id, protocol, transport, source_address, payload, received_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class,
                organizationId, meterId, protocol, transport, source, payload, Timestamp.from(receivedAt)));
    }

    /**
     * A frame archived with what became of it, in one statement: the decode worker writes a new
     * frame's row once it knows the outcome, instead of inserting it and updating it after.
     */
    public long record(Long organizationId, Long meterId, String protocol, String transport, String source, Instant receivedAt,
                       byte[] payload, String status, String deviceKey, String error, Integer errorOffset) {
        return tenancy.asSystem(jdbc -> jdbc.queryForObject("""
                        INSERT INTO raw_frame (organization_id, meter_id, protocol, transport, source_address, payload, received_at,
                                               status, device_key, error, error_offset)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class,
                organizationId, meterId, protocol, transport, source, payload, Timestamp.from(receivedAt), status, deviceKey, error,
                errorOffset));
    }

    /** A new row of {@link #recordAll}: a frame with what became of it. */
    public record NewRow(Long organizationId, Long meterId, String protocol, String transport, String source, Instant receivedAt,
                         byte[] payload, String status, String deviceKey, String error, Integer errorOffset) {
    }

    /** Ids for {@code n} new rows, to be written by {@link #recordAll} in the same transaction. */
    public long[] newIds(org.springframework.jdbc.core.JdbcTemplate jdbc, int n) {
        List<Long> ids = jdbc.queryForList("SELECT nextval(pg_get_serial_sequence('raw_frame', 'id')) FROM generate_series(1, ?)",
                Long.class, n);
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Frames of a decode batch with their outcomes, in one binary COPY in the caller's transaction
     * (as the hub, whose role row-level security does not apply to), under the ids {@link #newIds} gave.
     */
    public void recordAll(org.springframework.jdbc.core.JdbcTemplate jdbc, long[] ids, List<NewRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        io.meterflow.hub.db.BinaryCopy copy = new io.meterflow.hub.db.BinaryCopy();
        for (int i = 0; i < rows.size(); i++) {
            NewRow r = rows.get(i);
            copy.row(12).int8(ids[i]).int8(r.organizationId()).int8(r.meterId()).text(r.protocol()).text(r.transport())
                    .text(r.source()).bytea(r.payload())
                    .timestamptz(io.meterflow.hub.storage.ReadingStore.micros(r.receivedAt()))
                    .text(r.status()).text(r.deviceKey()).text(r.error()).int4(r.errorOffset());
        }
        // COPY writes the identity column as given, as an insert's OVERRIDING SYSTEM VALUE does.
        jdbc.execute((java.sql.Connection c) -> copy.copyInto(c, "raw_frame", """
                (id, organization_id, meter_id, protocol, transport, source_address, payload, received_at, status, device_key, error,
                 error_offset)"""));
    }

    public void decoded(long id, long organizationId, long meterId, String deviceKey) {
        tenancy.asSystem(jdbc -> jdbc.update("""
                UPDATE raw_frame SET status = 'decoded', organization_id = ?, meter_id = ?, device_key = ?, error = NULL,
                       error_offset = NULL WHERE id = ?""", organizationId, meterId, deviceKey, id));
    }

    /** Waiting for a meter or a key: decoded again when one is registered. */
    public void staged(long id, String deviceKey, String reason) {
        tenancy.asSystem(jdbc -> jdbc.update("UPDATE raw_frame SET status = 'staged', device_key = ?, error = ? WHERE id = ?",
                deviceKey, reason, id));
    }

    public void failed(long id, String reason, Integer offset, String deviceKey, Long organizationId, Long meterId) {
        tenancy.asSystem(jdbc -> jdbc.update("""
                UPDATE raw_frame SET status = 'failed', error = ?, error_offset = ?, device_key = coalesce(?, device_key),
                       organization_id = coalesce(?, organization_id), meter_id = coalesce(?, meter_id) WHERE id = ?""",
                reason, offset, deviceKey, organizationId, meterId, id));
    }

    /** Staged frames of these devices, which may now be decodable. */
    public List<Archived> stagedFor(long organizationId, List<String> deviceKeys) {
        return tenancy.asSystem(jdbc -> jdbc.query("""
                        SELECT id, organization_id, meter_id, protocol, transport, source_address, received_at, payload FROM raw_frame
                         WHERE status = 'staged' AND device_key = ANY(?)
                           AND (organization_id IS NULL OR organization_id = ?) ORDER BY id""",
                (rs, i) -> new Archived(rs.getLong(1), (Long) rs.getObject(2), (Long) rs.getObject(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getBytes(8)),
                (Object) deviceKeys.toArray(String[]::new), organizationId));
    }

    /** An organization's frames in a status and time range, for redecoding on request. */
    public List<Archived> select(long organizationId, List<String> statuses, Instant from, Instant to, int limit) {
        return tenancy.asSystem(jdbc -> jdbc.query("""
                        SELECT f.id, f.organization_id, f.meter_id, f.protocol, f.transport, f.source_address, f.received_at, f.payload
                          FROM raw_frame f
                         WHERE f.status = ANY(?) AND f.received_at >= ? AND f.received_at < ?
                           AND (f.organization_id = ?
                                OR (f.organization_id IS NULL AND f.device_key IN (SELECT device_key FROM meter WHERE organization_id = ?)))
                         ORDER BY f.id LIMIT ?""",
                (rs, i) -> new Archived(rs.getLong(1), (Long) rs.getObject(2), (Long) rs.getObject(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getBytes(8)),
                statuses.toArray(String[]::new), Timestamp.from(from), Timestamp.from(to), organizationId, organizationId, limit));
    }

    /** Deletes frames, LoRaWAN uplink ids and poll runs from before {@code before}; returns how many frames. */
    public int purge(Instant before) {
        return tenancy.asSystem(jdbc -> {
            jdbc.update("DELETE FROM lorawan_uplink WHERE received_at < ?", Timestamp.from(before));
            jdbc.update("DELETE FROM poll_run WHERE started_at < ?", Timestamp.from(before));
            return jdbc.update("DELETE FROM raw_frame WHERE received_at < ?", Timestamp.from(before));
        });
    }
}
