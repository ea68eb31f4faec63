package io.meterflow.hub.api;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterflow.hub.decode.Normalizer;
import io.meterflow.hub.decode.PayloadLayouts;
import io.meterflow.hub.decode.StagedFrames;
import io.meterflow.model.Medium;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** {@code /api/v1/meters}: the meters of the caller's organization, their keys, and CSV import. */
@Component("meterApi")
public class MeterApi {

    private static final int MAX_IMPORT_ROWS = 100_000;

    private final Api api;
    private final Meters meters;
    private final StagedFrames staged;
    private final Normalizer normalizer;
    private final PayloadLayouts layouts;
    private final io.meterflow.hub.decode.MeterDirectory directory;

    public MeterApi(Api api, Meters meters, StagedFrames staged, Normalizer normalizer, PayloadLayouts layouts,
                    io.meterflow.hub.decode.MeterDirectory directory) {
        this.directory = directory;
        this.api = api;
        this.meters = meters;
        this.staged = staged;
        this.normalizer = normalizer;
        this.layouts = layouts;
    }

    /**
     * Frames that waited for this meter or key are sent to decoding again. The change itself is
     * saved already: if the broker does not take them now, they stay staged for
     * POST /api/v1/frames/redecode, and the answer is still the change's.
     */
    private void promoteStaged(long orgId, java.util.List<String> deviceKeys) {
        try {
            staged.promote(orgId, deviceKeys);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(MeterApi.class).warn(
                    "Staged frames of {} were not sent to decoding again ({}); POST /api/v1/frames/redecode does it later",
                    deviceKeys, e.toString());
        }
    }

    /** A meter type must be one of config/meter-types, or its readings would silently go unmapped. */
    private Meters.MeterInput checked(Meters.MeterInput in) {
        if (in.meterType() != null && !normalizer.knows(in.meterType())) {
            throw ApiProblem.badRequest("meterType", "unknown meter type '" + in.meterType() + "'; known: " + normalizer.typeNames());
        }
        if (in.protocol() != null && in.protocol().startsWith(PayloadLayouts.PREFIX) && layouts.decoder(in.protocol()) == null) {
            throw ApiProblem.badRequest("protocol", "unknown payload layout '" + in.protocol() + "'; known: " + layouts.names());
        }
        return in;
    }

    public void list(Exchange ex) {
        api.handle(ex, Role.VIEWER, req -> {
            String medium = req.query("medium") == null ? null : medium(req.query("medium"), "medium");
            Meters.Filter f = new Meters.Filter(medium, req.query("protocol"), req.query("serial"),
                    req.query("externalRef"), req.query("q"));
            long after = 0;
            if (req.query("after") != null) {
                try {
                    after = Long.parseLong(req.query("after"));
                } catch (NumberFormatException e) {
                    throw ApiProblem.badRequest("after", "must be the 'next' value of the previous page");
                }
            }
            return api.ok(meters.list(req.organizationId(), f, req.queryInt("limit", 100, 1, 1000), after));
        });
    }

    public void create(Exchange ex) {
        api.handle(ex, Role.OPERATOR, req -> {
            Meters.MeterInput in = checked(input(Fields.object(req.json()), true));
            Meters.Meter m = meters.create(req.organizationId(), in);
            // Frames that arrived before their meter was registered are decoded now.
            promoteStaged(req.organizationId(), java.util.Collections.singletonList(m.deviceKey()));
            return api.created(m, "/api/v1/meters/" + m.id());
        });
    }

    public void get(Exchange ex) {
        api.handle(ex, Role.VIEWER, req -> api.ok(meters.get(req.organizationId(), req.pathId("meterId", "meter"))));
    }

    public void update(Exchange ex) {
        api.handle(ex, Role.OPERATOR, req -> {
            long id = req.pathId("meterId", "meter");
            Meters.Meter m = meters.update(req.organizationId(), id, checked(input(Fields.object(req.json()), false)));
            promoteStaged(req.organizationId(), java.util.Collections.singletonList(m.deviceKey()));
            return api.ok(m);
        });
    }

    public void delete(Exchange ex) {
        api.handle(ex, Role.OPERATOR, req -> {
            meters.delete(req.organizationId(), req.pathId("meterId", "meter"));
            directory.forgetAll();
            return ApiResponse.noContent();
        });
    }

    /**
     * CSV with a header row naming the columns (externalRef, serial, name, medium, protocol,
     * deviceKey, endpoint, timezone, ctRatio, vtRatio; snake_case accepted). Every row is checked
     * first: if any is wrong, nothing is imported and the answer lists each fault by line.
     */
    public void importCsv(Exchange ex) {
        api.handle(ex, Role.OPERATOR, req -> {
            List<List<String>> rows = Csv.parse(req.bodyText());
            if (rows.isEmpty()) {
                throw ApiProblem.badRequest(null, "the CSV is empty; it needs a header row and one row per meter");
            }
            if (rows.size() - 1 > MAX_IMPORT_ROWS) {
                throw ApiProblem.badRequest(null, "at most " + MAX_IMPORT_ROWS + " meters per import");
            }
            List<String> header = rows.get(0).stream().map(MeterApi::column).toList();
            if (!header.contains("externalref") || !header.contains("medium")) {
                throw ApiProblem.badRequest("line 1", "the header must name at least externalRef and medium");
            }
            List<Meters.MeterInput> inputs = new ArrayList<>();
            List<Map<String, Object>> errors = new ArrayList<>();
            for (int i = 1; i < rows.size(); i++) {
                List<String> cells = rows.get(i);
                if (cells.size() == 1 && cells.get(0).isBlank()) {
                    continue;
                }
                var obj = api.mapper().createObjectNode();
                for (int c = 0; c < header.size() && c < cells.size(); c++) {
                    String v = cells.get(c).trim();
                    if (v.isEmpty()) {
                        continue;
                    }
                    String field = canonical(header.get(c));
                    if (field.equals("addressing")) {
                        try {
                            obj.set(field, api.mapper().readTree(v));
                        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                            obj.put(field, v); // reported as not a JSON object below
                        }
                    } else {
                        obj.put(field, v);
                    }
                }
                try {
                    inputs.add(checked(input(obj, true)));
                } catch (ApiProblem p) {
                    errors.add(Map.of("line", i + 1, "field", p.field() == null ? "" : p.field(), "error", p.getMessage()));
                }
            }
            if (!errors.isEmpty()) {
                return api.json(400, Map.of("type", "about:blank", "title", "Bad Request", "status", 400,
                        "detail", errors.size() + " row(s) are wrong; nothing was imported", "errors", errors))
                        .withHeader("Content-Type", Api.PROBLEM_JSON);
            }
            int[] counts = meters.importAll(req.organizationId(), inputs);
            promoteStaged(req.organizationId(), inputs.stream().map(Meters.MeterInput::deviceKey).toList());
            return api.ok(Map.of("created", counts[0], "updated", counts[1]));
        });
    }

    public void listKeys(Exchange ex) {
        api.handle(ex, Role.VIEWER, req -> api.ok(Map.of("items",
                meters.keys(req.organizationId(), req.pathId("meterId", "meter")))));
    }

    /** Stores a key ({@code {"key": "HEX"}}), encrypted at rest; it is never shown again. */
    public void putKey(Exchange ex) {
        api.handle(ex, Role.OPERATOR, req -> {
            long id = req.pathId("meterId", "meter");
            String kind = kind(req.path("kind"));
            String hex = Fields.text(Fields.object(req.json()), "key", null, true, 512);
            byte[] key;
            try {
                key = HexFormat.of().parseHex(hex.replace(" ", ""));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("key", "must be hexadecimal");
            }
            if (key.length == 0) {
                throw ApiProblem.badRequest("key", "must not be empty");
            }
            meters.putKey(req.organizationId(), id, kind, key);
            // Frames that waited for this key are decoded now.
            promoteStaged(req.organizationId(), java.util.Collections.singletonList(meters.get(req.organizationId(), id).deviceKey()));
            return ApiResponse.noContent();
        });
    }

    public void deleteKey(Exchange ex) {
        api.handle(ex, Role.OPERATOR, req -> {
            meters.deleteKey(req.organizationId(), req.pathId("meterId", "meter"), kind(req.path("kind")));
            directory.forgetAll();
            return ApiResponse.noContent();
        });
    }

    private static String kind(String k) {
        if (k == null || !k.matches("[a-z][a-z0-9_-]{0,39}")) {
            throw ApiProblem.badRequest("kind", "must be a lower-case key name such as encryption, authentication or password");
        }
        return k;
    }

    static Meters.MeterInput input(JsonNode o, boolean creating) {
        String externalRef = Fields.text(o, "externalRef", null, creating, 200);
        String mediumText = Fields.text(o, "medium", null, creating, 40);
        String medium = mediumText == null ? null : medium(mediumText, "medium");
        String protocol = Fields.text(o, "protocol", null, false, 40);
        if (protocol != null && !protocol.matches("[a-z0-9][a-z0-9-]*(:[a-z0-9][a-z0-9_.-]*)?")) {
            throw ApiProblem.badRequest("protocol", "must be a protocol name such as dlms, mbus, wmbus, iec62056-21, p1 or layout:<name>");
        }
        String timezone = Fields.text(o, "timezone", null, false, 64);
        if (timezone != null) {
            try {
                timezone = ZoneId.of(timezone).getId();
            } catch (DateTimeException e) {
                throw ApiProblem.badRequest("timezone", "must be a time zone such as Europe/Oslo or UTC, was '" + timezone + "'");
            }
        }
        JsonNode addressing = o.get("addressing");
        if (addressing != null && !addressing.isNull() && !addressing.isObject()) {
            throw ApiProblem.badRequest("addressing", "must be a JSON object");
        }
        BigDecimal ct = Fields.positiveDecimal(o, "ctRatio", null);
        BigDecimal vt = Fields.positiveDecimal(o, "vtRatio", null);
        boolean clearProfile = o.has("pollProfileId") && o.get("pollProfileId").isNull();
        return new Meters.MeterInput(externalRef, Fields.text(o, "serial", null, false, 100),
                Fields.text(o, "name", null, false, 200), medium, protocol, Fields.text(o, "deviceKey", null, false, 200),
                addressing == null || addressing.isNull() ? null : addressing, Fields.text(o, "endpoint", null, false, 500),
                timezone, ct, vt, Fields.longValue(o, "pollProfileId", null), clearProfile, Fields.text(o, "meterType", null, false, 100));
    }

    private static String medium(String text, String field) {
        try {
            return Medium.fromCode(text).code();
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, e.getMessage());
        }
    }

    private static String column(String header) {
        return header.trim().replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static String canonical(String column) {
        return switch (column) {
            case "externalref" -> "externalRef";
            case "devicekey" -> "deviceKey";
            case "metertype" -> "meterType";
            case "ctratio" -> "ctRatio";
            case "vtratio" -> "vtRatio";
            default -> column;
        };
    }
}
