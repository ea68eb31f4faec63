package io.meterflow.hub.decode;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterflow.hub.amqp.AmqpTopology;
import io.meterflow.hub.amqp.ConfirmedPublisher;
import io.meterflow.hub.db.Tenancy;
import io.meterflow.model.MalformedBatchException;
import org.springframework.stereotype.Component;

/**
 * Meter events and alarms: published to {@code meterflow.events} (routing key
 * {@code <org>.<code>.<meter>}) as JSON {@code meterflow.events/1}, and stored in
 * {@code meter_event} by the events route, once per (meter, time, code).
 */
@Component("meterEvents")
public class MeterEvents {

    public static final String SCHEMA = "meterflow.events/1";

    public record MeterEvent(String code, Instant timestamp, String severity, String description, Map<String, String> attributes) {
    }

    private final ConfirmedPublisher publisher;
    private final Tenancy tenancy;
    private final ObjectMapper json;

    public MeterEvents(ConfirmedPublisher publisher, Tenancy tenancy, ObjectMapper json) {
        this.publisher = publisher;
        this.tenancy = tenancy;
        this.json = json;
    }

    public void publish(long organizationId, Long meterId, String source, List<MeterEvent> events) {
        publishAll(messages(organizationId, meterId, source, events));
    }

    /** Publishes messages made by {@link #messages}, of any meters, under one confirm. */
    public void publishAll(List<ConfirmedPublisher.Outgoing> messages) {
        publisher.publish(AmqpTopology.EVENTS, messages);
    }

    /** The messages of a meter's events, to publish with {@link #publishAll}. */
    public List<ConfirmedPublisher.Outgoing> messages(long organizationId, Long meterId, String source, List<MeterEvent> events) {
        List<ConfirmedPublisher.Outgoing> out = new ArrayList<>();
        for (MeterEvent e : events) {
            ObjectNode o = json.createObjectNode();
            o.put("schema", SCHEMA);
            o.put("organizationId", organizationId);
            if (meterId == null) {
                o.putNull("meterId");
            } else {
                o.put("meterId", meterId);
            }
            o.put("source", source);
            o.put("code", e.code());
            o.put("timestamp", e.timestamp().toString());
            o.put("severity", e.severity());
            o.put("description", e.description());
            ObjectNode a = o.putObject("attributes");
            e.attributes().forEach(a::put);
            try {
                // A routing key's words are split at dots: a code is one word.
                out.add(new ConfirmedPublisher.Outgoing(organizationId + "." + e.code().replace('.', '_') + "."
                        + (meterId == null ? "none" : meterId),
                        json.writeValueAsBytes(o), "application/json", UUID.randomUUID().toString(), Map.of("schema", SCHEMA)));
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return out;
    }

    /** Entry point of the events route. */
    public int store(byte[] body) {
        JsonNode o;
        try {
            o = json.readTree(body);
        } catch (IOException e) {
            throw new MalformedBatchException("malformed JSON: " + e.getMessage(), e);
        }
        if (o == null || !SCHEMA.equals(o.path("schema").asText())) {
            throw new MalformedBatchException("schema", "expected " + SCHEMA);
        }
        long org = o.path("organizationId").asLong();
        if (org <= 0) {
            throw new MalformedBatchException("organizationId", "missing");
        }
        Long meterId = o.hasNonNull("meterId") ? o.get("meterId").asLong() : null;
        String code = o.path("code").asText("");
        if (!code.matches("[a-z0-9_.-]{1,80}")) {
            throw new MalformedBatchException("code", "must be a lower-case event code");
        }
        Instant ts;
        try {
            ts = io.meterflow.model.IsoInstant.parse(o.path("timestamp").asText());
        } catch (DateTimeParseException e) {
            throw new MalformedBatchException("timestamp", "not an ISO-8601 instant");
        }
        String severity = o.path("severity").asText("info");
        return tenancy.inOrganization(org, jdbc -> jdbc.update("""
                        INSERT INTO meter_event (organization_id, meter_id, ts, code, severity, description, attributes)
                        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING""",
                org, meterId, Timestamp.from(ts), code, severity, o.hasNonNull("description") ? o.get("description").asText() : null,
                o.path("attributes").isObject() ? o.get("attributes").toString() : "{}"));
    }
}
