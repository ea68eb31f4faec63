package io.meterflow.hub.consumption;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.meterflow.hub.api.Api;
import io.meterflow.hub.api.ApiProblem;
import io.meterflow.hub.api.ReadingApi;
import io.meterflow.hub.api.Role;
import io.meterflow.hub.db.Tenancy;
import io.meterflow.model.Medium;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/v1/meters/{meterId}/consumption?register=&from=&to=&interval=hour|day|month}:
 * consumption per interval of the meter's local time, from a cumulative register.
 */
@Component("consumptionApi")
public class ConsumptionApi {

    /** Meter events with this code mark a meter exchange: the index restarts, consumption does not. */
    public static final String REPLACEMENT_EVENT = "meter_replaced";
    private static final int MAX_INTERVALS = 10_000;

    private final Api api;
    private final Tenancy tenancy;

    public ConsumptionApi(Api api, Tenancy tenancy) {
        this.api = api;
        this.tenancy = tenancy;
    }

    public void get(Exchange ex) {
        api.handle(ex, Role.VIEWER, req -> {
            long meterId = req.pathId("meterId", "meter");
            String registerText = req.query("register");
            if (registerText == null) {
                throw ApiProblem.badRequest("register", "is required: the cumulative register, such as 1.8.0");
            }
            Instant from = req.queryInstant("from");
            Instant to = req.queryInstant("to");
            if (from == null || to == null) {
                throw ApiProblem.badRequest(from == null ? "from" : "to", "is required (ISO-8601, e.g. 2026-11-01T00:00:00Z)");
            }
            if (!from.isBefore(to)) {
                throw ApiProblem.badRequest("to", "must be after from");
            }
            Consumption.Interval interval;
            try {
                interval = Consumption.Interval.parse(req.query("interval") == null ? "day" : req.query("interval"));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("interval", "must be hour, day or month");
            }
            return api.ok(tenancy.inOrganization(req.organizationId(), jdbc -> {
                List<Map<String, Object>> meter = jdbc.queryForList("SELECT medium, timezone FROM meter WHERE id = ?", meterId);
                if (meter.isEmpty()) {
                    throw ApiProblem.notFound("meter " + meterId);
                }
                ZoneId zone = ZoneId.of((String) meter.get(0).get("timezone"));
                String register = ReadingApi.registerKey(registerText,
                        Medium.fromCode((String) meter.get(0).get("medium")).obisA());
                List<Instant> bounds;
                try {
                    bounds = Consumption.boundaries(from, to, interval, zone, MAX_INTERVALS);
                } catch (IllegalArgumentException e) {
                    throw ApiProblem.badRequest("interval", e.getMessage());
                }
                Instant first = bounds.get(0);
                Instant last = bounds.get(bounds.size() - 1);
                List<Map<String, Object>> regs = jdbc.queryForList("SELECT id, unit FROM register WHERE key = ? ORDER BY id LIMIT 1", register);
                if (regs.isEmpty()) {
                    throw ApiProblem.notFound("register " + register + " of meter " + meterId);
                }
                long registerId = ((Number) regs.get(0).get("id")).longValue();
                // The readings inside, plus the nearest one on each side so the edge boundaries can be interpolated.
                List<Consumption.Sample> samples = new ArrayList<>(jdbc.query("""
                                (SELECT ts, value FROM reading WHERE meter_id = ? AND register_id = ? AND ts < ? ORDER BY ts DESC LIMIT 1)
                                UNION ALL
                                (SELECT ts, value FROM reading WHERE meter_id = ? AND register_id = ? AND ts >= ? AND ts <= ? ORDER BY ts)
                                UNION ALL
                                (SELECT ts, value FROM reading WHERE meter_id = ? AND register_id = ? AND ts > ? ORDER BY ts LIMIT 1)
                                ORDER BY ts""",
                        (rs, i) -> new Consumption.Sample(rs.getTimestamp(1).toInstant(), rs.getBigDecimal(2)),
                        meterId, registerId, Timestamp.from(first), meterId, registerId, Timestamp.from(first),
                        Timestamp.from(last), meterId, registerId, Timestamp.from(last)));
                List<Instant> replacements = jdbc.query(
                        "SELECT ts FROM meter_event WHERE meter_id = ? AND code = ? ORDER BY ts",
                        (rs, i) -> rs.getTimestamp(1).toInstant(), meterId, REPLACEMENT_EVENT);
                List<Consumption.Item> items = Consumption.compute(samples, bounds, replacements);
                BigDecimal total = items.stream().map(Consumption.Item::value).filter(v -> v != null)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("meterId", meterId);
                answer.put("register", register);
                answer.put("unit", regs.get(0).get("unit"));
                answer.put("interval", interval.name().toLowerCase());
                answer.put("timezone", zone.getId());
                answer.put("total", total.stripTrailingZeros().toPlainString());
                answer.put("items", items.stream().map(i -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("from", i.from().toString());
                    m.put("to", i.to().toString());
                    m.put("value", i.value() == null ? null : i.value().toPlainString());
                    m.put("estimated", i.estimated());
                    return m;
                }).toList());
                return answer;
            }));
        });
    }
}
