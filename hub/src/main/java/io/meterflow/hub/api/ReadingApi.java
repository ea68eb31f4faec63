package io.meterflow.hub.api;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterflow.hub.amqp.ReadingPublisher;
import io.meterflow.hub.storage.ReadingStore;
import io.meterflow.model.Medium;
import io.meterflow.model.ObisCode;
import io.meterflow.model.Quality;
import io.meterflow.model.Reading;
import io.meterflow.model.ReadingBatch;
import io.meterflow.model.Unit;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code /api/v1/readings} and the readings of a meter. Posted readings are not written here:
 * they are published to {@code meterflow.readings} like decoded data, and stored by the same
 * storage workers, so there is one path to the database and one place that removes duplicates.
 */
@Component("readingApi")
public class ReadingApi {

    private final Api api;
    private final Meters meters;
    private final ReadingQueries queries;
    private final ReadingPublisher publisher;
    private final int maxPerRequest;
    private final int batchSize;

    public ReadingApi(Api api, Meters meters, ReadingQueries queries, ReadingPublisher publisher,
                      @Value("${meterflow.api.max-readings-per-request:100000}") int maxPerRequest,
                      @Value("${meterflow.api.readings-per-batch:5000}") int batchSize) {
        this.api = api;
        this.meters = meters;
        this.queries = queries;
        this.publisher = publisher;
        this.maxPerRequest = maxPerRequest;
        this.batchSize = batchSize;
    }

    private record Posted(int index, Object meter, String register, BigDecimal value, String unitText, Instant timestamp,
                          Set<Quality> quality, String description) {
    }

    /**
     * Accepts {@code {"readings": [...]}} (or the bare array). Every reading is checked before any
     * is published: one bad reading fails the request with its index, and nothing is half-taken.
     */
    public void post(Exchange ex) {
        api.handle(ex, Role.OPERATOR, req -> {
            JsonNode body = req.json();
            JsonNode list = body.isArray() ? body : body.get("readings");
            if (list == null || !list.isArray()) {
                throw ApiProblem.badRequest("readings", "must be an array of readings");
            }
            if (list.isEmpty()) {
                throw ApiProblem.badRequest("readings", "must hold at least one reading");
            }
            if (list.size() > maxPerRequest) {
                throw ApiProblem.badRequest("readings", "at most " + maxPerRequest + " readings per request, got " + list.size());
            }
            String prefix = body.isArray() ? "" : "readings";
            List<Posted> posted = new ArrayList<>(list.size());
            Set<Long> ids = new LinkedHashSet<>();
            Set<String> refs = new LinkedHashSet<>();
            for (int i = 0; i < list.size(); i++) {
                Posted p = parse(list.get(i), prefix + "[" + i + "]", i);
                posted.add(p);
                if (p.meter() instanceof Long id) {
                    ids.add(id);
                } else {
                    refs.add((String) p.meter());
                }
            }
            Map<Object, Meters.Ref> found = meters.resolve(req.organizationId(), ids, refs);
            Map<Long, List<Reading>> byMeter = new LinkedHashMap<>();
            Map<Long, String> media = new LinkedHashMap<>();
            for (Posted p : posted) {
                Meters.Ref ref = found.get(p.meter());
                String path = prefix + "[" + p.index() + "]";
                if (ref == null) {
                    throw ApiProblem.badRequest(path + (p.meter() instanceof Long ? ".meterId" : ".meter"),
                            "no meter " + (p.meter() instanceof Long ? p.meter() : "'" + p.meter() + "'") + " in this organization");
                }
                media.put(ref.id(), ref.medium());
                byMeter.computeIfAbsent(ref.id(), k -> new ArrayList<>()).add(toReading(p, ref, path));
            }
            Instant now = Instant.now();
            List<ReadingBatch> batches = new ArrayList<>();
            byMeter.forEach((meterId, readings) -> {
                for (int from = 0; from < readings.size(); from += batchSize) {
                    List<Reading> part = readings.subList(from, Math.min(readings.size(), from + batchSize));
                    batches.add(ReadingBatch.of(req.organizationId(), meterId, Medium.fromCode(media.get(meterId)), "api",
                            now, List.copyOf(part)));
                }
            });
            publisher.publishForStorage(batches);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("accepted", posted.size());
            answer.put("batches", batches.size());
            return api.json(202, answer);
        });
    }

    public void list(Exchange ex) {
        api.handle(ex, Role.VIEWER, req -> {
            long meterId = req.pathId("meterId", "meter");
            ReadingQueries.Range range = range(req);
            return api.ok(queries.page(req.organizationId(), meterId, range, req.queryInt("limit", 1000, 1, 10_000),
                    req.query("after")));
        });
    }

    public void latest(Exchange ex) {
        api.handle(ex, Role.VIEWER, req -> api.ok(Map.of("items",
                queries.latest(req.organizationId(), req.pathId("meterId", "meter")))));
    }

    public void export(Exchange ex) {
        api.handle(ex, Role.VIEWER, req -> {
            long meterId = req.pathId("meterId", "meter");
            String csv = queries.csv(req.organizationId(), meterId, range(req));
            return new ApiResponse(200, "text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Disposition", "attachment; filename=\"meter-" + meterId + "-readings.csv\""));
        });
    }

    private ReadingQueries.Range range(ApiRequest req) {
        Instant from = req.queryInstant("from");
        Instant to = req.queryInstant("to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiProblem.badRequest("to", "must be after from");
        }
        String register = req.query("register");
        return new ReadingQueries.Range(from, to, register);
    }

    private static Posted parse(JsonNode n, String path, int index) {
        if (!n.isObject()) {
            throw ApiProblem.badRequest(path, "must be an object");
        }
        Object meter;
        Long meterId = Fields.longValue(n, "meterId", path);
        String ref = Fields.text(n, "meter", path, false, 200);
        if (meterId != null) {
            meter = meterId;
        } else if (ref != null) {
            meter = ref;
        } else {
            throw ApiProblem.badRequest(path + ".meterId", "is required (or 'meter' with the meter's external reference)");
        }
        String register = Fields.text(n, "register", path, true, 200);
        JsonNode v = n.get("value");
        BigDecimal value;
        try {
            if (v != null && v.isNumber()) {
                value = v.decimalValue();
            } else if (v != null && v.isTextual()) {
                value = new BigDecimal(v.textValue().trim());
            } else {
                throw ApiProblem.badRequest(path + ".value", "is required: a decimal number, as a JSON number or string");
            }
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(path + ".value", "is not a decimal number: '" + v.asText() + "'");
        }
        String unit = Fields.text(n, "unit", path, false, 20);
        String ts = Fields.text(n, "timestamp", path, true, 40);
        Instant timestamp;
        try {
            timestamp = java.time.OffsetDateTime.parse(ts).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(path + ".timestamp", "must be ISO-8601 with an offset, such as 2026-01-31T23:00:00Z; was '" + ts + "'");
        }
        if (!ReadingStore.storable(timestamp)) {
            throw ApiProblem.badRequest(path + ".timestamp", "must be between " + ReadingStore.EARLIEST + " and "
                    + ReadingStore.LATEST + "; was " + timestamp);
        }
        Set<Quality> quality = EnumSet.noneOf(Quality.class);
        JsonNode q = n.get("quality");
        if (q != null && !q.isNull()) {
            if (!q.isArray()) {
                throw ApiProblem.badRequest(path + ".quality", "must be an array of flags");
            }
            for (int i = 0; i < q.size(); i++) {
                try {
                    quality.add(Quality.valueOf(q.get(i).asText().trim().toUpperCase()));
                } catch (IllegalArgumentException e) {
                    throw ApiProblem.badRequest(path + ".quality[" + i + "]", "unknown flag '" + q.get(i).asText()
                            + "'; known: " + java.util.Arrays.toString(Quality.values()));
                }
            }
        }
        return new Posted(index, meter, register, value, unit, timestamp, quality,
                Fields.text(n, "description", path, false, 200));
    }

    private static Reading toReading(Posted p, Meters.Ref meter, String path) {
        Unit.Conversion conv;
        try {
            conv = Unit.normalize(p.unitText() == null ? "" : p.unitText());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(path + ".unit", e.getMessage());
        }
        int obisA = Medium.fromCode(meter.medium()).obisA();
        String register;
        try {
            register = registerKey(p.register(), obisA);
        } catch (ApiProblem e) {
            throw ApiProblem.badRequest(path + ".register", e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
        try {
            return new Reading(register, conv.apply(p.value()), conv.unit(), p.timestamp(), p.quality(), p.description());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(path, e.getMessage());
        }
    }

    /**
     * OBIS codes in any accepted spelling become the full form, so {@code 1.8.0} and
     * {@code 1-0:1.8.0*255} are one register; other keys (M-Bus DIF/VIF keys and the like) are
     * kept as given.
     */
    public static String registerKey(String register, Integer obisA) {
        if (ObisCode.isValid(register)) {
            return obisA == null ? ObisCode.parse(register).toString() : ObisCode.parse(register, obisA, 0).toString();
        }
        if (!register.matches("[A-Za-z0-9._:/*#@+-]{1,200}")) {
            throw ApiProblem.badRequest("register", "must be an OBIS code or a key of letters, digits and . _ : / * # @ + -; was '"
                    + register + "'");
        }
        return register;
    }
}
