package io.meterflow.hub.api;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterflow.hub.db.Tenancy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** {@code /api/v1/meters/{meterId}/events}: a meter's events and alarms in a time range. */
@Component("eventApi")
public class EventApi {

    public record Item(long id, Instant timestamp, String code, String severity, String description, JsonNode attributes) {
    }

    private final Api api;
    private final Tenancy tenancy;
    private final Meters meters;

    public EventApi(Api api, Tenancy tenancy, Meters meters) {
        this.api = api;
        this.tenancy = tenancy;
        this.meters = meters;
    }

    public void list(Exchange ex) {
        api.handle(ex, Role.VIEWER, req -> {
            long meterId = req.pathId("meterId", "meter");
            Instant from = req.queryInstant("from");
            Instant to = req.queryInstant("to");
            int limit = req.queryInt("limit", 1000, 1, 10_000);
            var items = tenancy.inOrganization(req.organizationId(), jdbc -> {
                meters.find(jdbc, meterId);
                return jdbc.query("""
                                SELECT id, ts, code, severity, description, attributes::text FROM meter_event
                                 WHERE meter_id = ? AND ts >= ? AND ts < ? ORDER BY ts, id LIMIT ?""",
                        (rs, i) -> {
                            try {
                                return new Item(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                                        rs.getString(5), api.mapper().readTree(rs.getString(6)));
                            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                                throw new java.sql.SQLException("event " + rs.getLong(1) + " has unreadable attributes", e);
                            }
                        },
                        meterId, Timestamp.from(from == null ? Instant.EPOCH : from),
                        Timestamp.from(to == null ? Instant.parse("2300-01-01T00:00:00Z") : to), limit);
            });
            return api.ok(Map.of("items", items));
        });
    }
}
