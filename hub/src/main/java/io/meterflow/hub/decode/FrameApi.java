package io.meterflow.hub.decode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterflow.hub.amqp.RawFrames;
import io.meterflow.hub.api.Api;
import io.meterflow.hub.api.ApiProblem;
import io.meterflow.hub.api.Role;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/v1/frames}: the generic way to feed any protocol's frames, as hex or base64;
 * they take the same path as frames from meters and gateways. {@code POST /api/v1/frames/redecode}:
 * decodes archived frames again, after a meter or key was added or a decoder improved.
 */
@Component("frameApi")
public class FrameApi {

    private static final int MAX_FRAMES = 10_000;
    private static final int MAX_REDECODE = 100_000;

    private final Api api;
    private final RawFrames raw;
    private final RawFrameArchive archive;
    private final DecoderPool decoders;

    public FrameApi(Api api, RawFrames raw, RawFrameArchive archive, DecoderPool decoders) {
        this.api = api;
        this.raw = raw;
        this.archive = archive;
        this.decoders = decoders;
    }

    /** Body: one frame {@code {"protocol", "hex"|"base64", "receivedAt"?}} or {@code {"frames": [...]}}. */
    public void post(Exchange ex) {
        api.handle(ex, Role.OPERATOR, req -> {
            JsonNode body = req.json();
            List<JsonNode> items = new ArrayList<>();
            String prefix;
            if (body.has("frames")) {
                if (!body.get("frames").isArray() || body.get("frames").isEmpty()) {
                    throw ApiProblem.badRequest("frames", "must be a non-empty array");
                }
                body.get("frames").forEach(items::add);
                prefix = "frames";
            } else {
                items.add(body);
                prefix = null;
            }
            if (items.size() > MAX_FRAMES) {
                throw ApiProblem.badRequest("frames", "at most " + MAX_FRAMES + " frames per request");
            }
            List<RawFrames.Raw> frames = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String path = prefix == null ? "" : prefix + "[" + i + "].";
                frames.add(frame(items.get(i), path, req.organizationId()));
            }
            raw.publish(frames);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("accepted", frames.size());
            return api.json(202, answer);
        });
    }

    /** Body (all optional): {@code {"status": ["failed", "staged"], "from": ISO, "to": ISO}}. */
    public void redecode(Exchange ex) {
        api.handle(ex, Role.OPERATOR, req -> {
            JsonNode body = req.bodyBytes().length == 0 ? api.mapper().createObjectNode() : req.json();
            List<String> statuses = new ArrayList<>();
            JsonNode st = body.get("status");
            if (st == null || st.isNull()) {
                statuses.addAll(List.of("failed", "staged"));
            } else {
                for (JsonNode s : st.isArray() ? st : api.mapper().createArrayNode().add(st)) {
                    String v = s.asText();
                    if (!List.of("failed", "staged", "decoded").contains(v)) {
                        throw ApiProblem.badRequest("status", "must be failed, staged or decoded, was '" + v + "'");
                    }
                    statuses.add(v);
                }
            }
            Instant from = time(body, "from", Instant.EPOCH, "");
            Instant to = time(body, "to", Instant.parse("2300-01-01T00:00:00Z"), "");
            List<RawFrameArchive.Archived> found = archive.select(req.organizationId(), statuses, from, to, MAX_REDECODE);
            raw.publish(found.stream().map(f -> new RawFrames.Raw(f.protocol(), f.transport(), f.source(), f.receivedAt(),
                    req.organizationId(), f.id(), f.meterId(), f.payload())).toList());
            return api.json(202, Map.of("queued", found.size()));
        });
    }

    private RawFrames.Raw frame(JsonNode n, String path, long org) {
        if (!n.isObject()) {
            throw ApiProblem.badRequest(path.isEmpty() ? null : path.substring(0, path.length() - 1), "must be an object");
        }
        String protocol = n.path("protocol").asText(null);
        if (protocol == null || protocol.isBlank()) {
            throw ApiProblem.badRequest(path + "protocol", "is required; known: " + decoders.protocols());
        }
        protocol = protocol.trim().toLowerCase();
        if (decoders.get(protocol) == null) {
            throw ApiProblem.badRequest(path + "protocol", "unknown protocol '" + protocol + "'; known: " + decoders.protocols());
        }
        byte[] payload;
        if (n.hasNonNull("hex")) {
            try {
                payload = HexFormat.of().parseHex(n.get("hex").asText().replaceAll("[\\s:_-]", ""));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest(path + "hex", "is not hexadecimal: " + e.getMessage());
            }
        } else if (n.hasNonNull("base64")) {
            try {
                payload = Base64.getDecoder().decode(n.get("base64").asText().trim());
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest(path + "base64", "is not base64");
            }
        } else {
            throw ApiProblem.badRequest(path + "hex", "is required (or base64)");
        }
        if (payload.length == 0) {
            throw ApiProblem.badRequest(path + "hex", "must not be empty");
        }
        Instant receivedAt = time(n, "receivedAt", Instant.now(), path);
        return new RawFrames.Raw(protocol, "http", "api", receivedAt, org, null, null, payload);
    }

    private static Instant time(JsonNode n, String field, Instant dflt, String path) {
        if (!n.hasNonNull(field)) {
            return dflt;
        }
        try {
            return java.time.OffsetDateTime.parse(n.get(field).asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(path + field, "must be ISO-8601 with an offset, such as 2026-01-31T23:00:00Z");
        }
    }
}
