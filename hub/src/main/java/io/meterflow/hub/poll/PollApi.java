package io.meterflow.hub.poll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterflow.hub.api.Api;
import io.meterflow.hub.api.ApiProblem;
import io.meterflow.hub.api.ApiRequest;
import io.meterflow.hub.api.ApiResponse;
import io.meterflow.hub.api.Role;
import io.meterflow.hub.db.Tenancy;
import io.meterflow.model.ObisCode;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code /api/v1/poll-profiles} (what to read and when), and per meter: an on-demand read,
 * its communication status and its poll runs.
 */
@Component("pollApi")
public class PollApi {

    private static final String COLUMNS = """
            id, name, schedule, registers::text, load_profile, profile_obis, clock_sync, allowed_drift_s,
            initial_lookback_s, created_at, updated_at""";

    private final Api api;
    private final Tenancy tenancy;
    private final PollJobs jobs;

    public PollApi(Api api, Tenancy tenancy, PollJobs jobs) {
        this.api = api;
        this.tenancy = tenancy;
        this.jobs = jobs;
    }

    public void list(Exchange ex) {
        api.handle(ex, Role.VIEWER, req -> api.ok(Map.of("items",
                tenancy.inOrganization(req.organizationId(), jdbc -> jdbc.query("SELECT " + COLUMNS + " FROM poll_profile ORDER BY id",
                        (rs, i) -> profile(rs))))));
    }

    public void get(Exchange ex) {
        api.handle(ex, Role.VIEWER, req -> api.ok(tenancy.inOrganization(req.organizationId(),
                jdbc -> find(jdbc, req.pathId("profileId", "poll profile")))));
    }

    public void create(Exchange ex) {
        api.handle(ex, Role.OPERATOR, req -> {
            Input in = input(req, true);
            Map<String, Object> p = tenancy.inOrganization(req.organizationId(), jdbc -> {
                long id = jdbc.queryForObject("""
                                INSERT INTO poll_profile (organization_id, name, schedule, registers, load_profile, profile_obis,
                                       clock_sync, allowed_drift_s, initial_lookback_s)
                                VALUES (?, ?, ?, ?::jsonb, coalesce(?, false), coalesce(?, '1-0:99.1.0*255'), coalesce(?, false),
                                        coalesce(?, 10), coalesce(?, 86400)) RETURNING id""", Long.class,
                        req.organizationId(), in.name, in.schedule, in.registers == null ? "[]" : in.registers,
                        in.loadProfile, in.profileObis, in.clockSync, in.allowedDrift, in.lookback);
                return find(jdbc, id);
            });
            return api.created(p, "/api/v1/poll-profiles/" + p.get("id"));
        });
    }

    public void update(Exchange ex) {
        api.handle(ex, Role.OPERATOR, req -> {
            long id = req.pathId("profileId", "poll profile");
            Input in = input(req, false);
            return api.ok(tenancy.inOrganization(req.organizationId(), jdbc -> {
                find(jdbc, id);
                jdbc.update("""
                                UPDATE poll_profile SET name = coalesce(?, name), schedule = coalesce(?, schedule),
                                       registers = coalesce(?::jsonb, registers), load_profile = coalesce(?, load_profile),
                                       profile_obis = coalesce(?, profile_obis), clock_sync = coalesce(?, clock_sync),
                                       allowed_drift_s = coalesce(?, allowed_drift_s), initial_lookback_s = coalesce(?, initial_lookback_s),
                                       updated_at = now() WHERE id = ?""",
                        in.name, in.schedule, in.registers, in.loadProfile, in.profileObis, in.clockSync, in.allowedDrift,
                        in.lookback, id);
                if (in.schedule != null) {
                    // The dispatcher gives the profile's meters their next time under the new schedule.
                    jdbc.update("UPDATE meter SET next_poll_at = NULL WHERE poll_profile_id = ?", id);
                }
                return find(jdbc, id);
            }));
        });
    }

    public void delete(Exchange ex) {
        api.handle(ex, Role.OPERATOR, req -> {
            long id = req.pathId("profileId", "poll profile");
            tenancy.inOrganization(req.organizationId(), jdbc -> {
                find(jdbc, id);
                jdbc.update("UPDATE meter SET next_poll_at = NULL WHERE poll_profile_id = ?", id);
                return jdbc.update("DELETE FROM poll_profile WHERE id = ?", id);
            });
            return ApiResponse.noContent();
        });
    }

    /** {@code POST /api/v1/meters/{meterId}/poll}: read the meter now, outside its schedule. */
    public void pollNow(Exchange ex) {
        api.handle(ex, Role.OPERATOR, req -> {
            long meterId = req.pathId("meterId", "meter");
            tenancy.inOrganization(req.organizationId(), jdbc -> {
                if (jdbc.queryForList("SELECT id FROM meter WHERE id = ?", Long.class, meterId).isEmpty()) {
                    throw ApiProblem.notFound("meter " + meterId);
                }
                return null;
            });
            jobs.publish(List.of(new PollJobs.PollJob(req.organizationId(), meterId, "on-demand", Instant.now())));
            return api.json(202, Map.of("queued", true, "meterId", meterId));
        });
    }

    /** {@code GET /api/v1/meters/{meterId}/status}: communication status. */
    public void status(Exchange ex) {
        api.handle(ex, Role.VIEWER, req -> {
            long meterId = req.pathId("meterId", "meter");
            return api.ok(tenancy.inOrganization(req.organizationId(), jdbc -> jdbc.query("""
                            SELECT m.id, m.poll_profile_id, m.next_poll_at, m.last_contact_at, m.last_success_at,
                                   m.consecutive_failures, m.last_poll_error,
                                   (SELECT max(received_at) FROM raw_frame f WHERE f.meter_id = m.id AND f.status = 'decoded') AS last_push
                              FROM meter m WHERE m.id = ?""", (rs, i) -> {
                        Map<String, Object> s = new LinkedHashMap<>();
                        s.put("meterId", rs.getLong(1));
                        s.put("pollProfileId", rs.getObject(2));
                        s.put("nextPollAt", instant(rs.getTimestamp(3)));
                        s.put("lastContactAt", latest(instant(rs.getTimestamp(4)), instant(rs.getTimestamp(8))));
                        s.put("lastSuccessAt", instant(rs.getTimestamp(5)));
                        s.put("lastPushAt", instant(rs.getTimestamp(8)));
                        s.put("consecutiveFailures", rs.getInt(6));
                        s.put("lastError", rs.getString(7));
                        return s;
                    }, meterId).stream().findFirst().orElseThrow(() -> ApiProblem.notFound("meter " + meterId))));
        });
    }

    /** {@code GET /api/v1/meters/{meterId}/poll-runs}: the newest runs first. */
    public void runs(Exchange ex) {
        api.handle(ex, Role.VIEWER, req -> {
            long meterId = req.pathId("meterId", "meter");
            int limit = req.queryInt("limit", 100, 1, 1000);
            return api.ok(Map.of("items", tenancy.inOrganization(req.organizationId(), jdbc -> {
                if (jdbc.queryForList("SELECT id FROM meter WHERE id = ?", Long.class, meterId).isEmpty()) {
                    throw ApiProblem.notFound("meter " + meterId);
                }
                return jdbc.query("""
                                SELECT id, started_at, finished_at, outcome, error, readings, reason, attempts FROM poll_run
                                 WHERE meter_id = ? ORDER BY started_at DESC, id DESC LIMIT ?""", (rs, i) -> {
                            Map<String, Object> r = new LinkedHashMap<>();
                            r.put("id", rs.getLong(1));
                            r.put("startedAt", instant(rs.getTimestamp(2)));
                            r.put("finishedAt", instant(rs.getTimestamp(3)));
                            r.put("outcome", rs.getString(4));
                            r.put("error", rs.getString(5));
                            r.put("readings", rs.getInt(6));
                            r.put("reason", rs.getString(7));
                            r.put("attempts", rs.getInt(8));
                            return r;
                        }, meterId, limit);
            })));
        });
    }

    private record Input(String name, String schedule, String registers, Boolean loadProfile, String profileObis,
                         Boolean clockSync, Integer allowedDrift, Integer lookback) {
    }

    private Input input(ApiRequest req, boolean creating) {
        JsonNode b = req.json();
        if (!b.isObject()) {
            throw ApiProblem.badRequest(null, "the body must be a JSON object");
        }
        String name = text(b, "name", creating);
        String schedule = text(b, "schedule", creating);
        if (schedule != null) {
            try {
                Schedule.parse(schedule);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("schedule", e.getMessage());
            }
        }
        String registers = null;
        if (b.hasNonNull("registers")) {
            if (!b.get("registers").isArray()) {
                throw ApiProblem.badRequest("registers", "must be an array of OBIS codes or register keys");
            }
            List<String> regs = new ArrayList<>();
            for (int i = 0; i < b.get("registers").size(); i++) {
                String r = b.get("registers").get(i).asText();
                regs.add(ObisCode.isValid(r) ? ObisCode.parse(r).toString() : r);
            }
            registers = api.mapper().valueToTree(regs).toString();
        }
        String profileObis = text(b, "profileObis", false);
        if (profileObis != null) {
            if (!ObisCode.isValid(profileObis)) {
                throw ApiProblem.badRequest("profileObis", "is not an OBIS code");
            }
            profileObis = ObisCode.parse(profileObis).toString();
        }
        return new Input(name, schedule, registers, bool(b, "loadProfile"), profileObis, bool(b, "clockSync"),
                integer(b, "allowedDriftSeconds", 0, 86_400), integer(b, "initialLookbackSeconds", 60, 366 * 86_400));
    }

    private static String text(JsonNode b, String field, boolean required) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull() || n.asText().isBlank()) {
            if (required) {
                throw ApiProblem.badRequest(field, "is required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw ApiProblem.badRequest(field, "must be a string");
        }
        return n.asText().trim();
    }

    private static Boolean bool(JsonNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isBoolean()) {
            throw ApiProblem.badRequest(field, "must be true or false");
        }
        return n.asBoolean();
    }

    private static Integer integer(JsonNode b, String field, int min, int max) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
            throw ApiProblem.badRequest(field, "must be a whole number from " + min + " to " + max);
        }
        return n.asInt();
    }

    private Map<String, Object> find(JdbcTemplate jdbc, long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM poll_profile WHERE id = ?", (rs, i) -> profile(rs), id)
                .stream().findFirst().orElseThrow(() -> ApiProblem.notFound("poll profile " + id));
    }

    private Map<String, Object> profile(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", rs.getLong(1));
        p.put("name", rs.getString(2));
        p.put("schedule", rs.getString(3));
        try {
            p.put("registers", api.mapper().readTree(rs.getString(4)));
        } catch (java.io.IOException e) {
            throw new java.sql.SQLException(e);
        }
        p.put("loadProfile", rs.getBoolean(5));
        p.put("profileObis", rs.getString(6));
        p.put("clockSync", rs.getBoolean(7));
        p.put("allowedDriftSeconds", rs.getInt(8));
        p.put("initialLookbackSeconds", rs.getInt(9));
        p.put("createdAt", instant(rs.getTimestamp(10)));
        p.put("updatedAt", instant(rs.getTimestamp(11)));
        return p;
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
