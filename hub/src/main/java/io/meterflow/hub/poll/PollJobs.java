package io.meterflow.hub.poll;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterflow.hub.amqp.AmqpTopology;
import io.meterflow.hub.amqp.ConfirmedPublisher;
import io.meterflow.model.MalformedBatchException;
import org.springframework.stereotype.Component;

/** Poll jobs on the {@code meterflow.poll} work queue: JSON {@code meterflow.poll/1}. */
@Component
public class PollJobs {

    public static final String SCHEMA = "meterflow.poll/1";

    public record PollJob(long organizationId, long meterId, String reason, Instant scheduledAt) {
    }

    private final ConfirmedPublisher publisher;
    private final ObjectMapper json;

    public PollJobs(ConfirmedPublisher publisher, ObjectMapper json) {
        this.publisher = publisher;
        this.json = json;
    }

    public void publish(List<PollJob> jobs) {
        // The default exchange routes by queue name: poll jobs go straight to the work queue.
        publisher.publish("", jobs.stream().map(j -> {
            ObjectNode o = json.createObjectNode();
            o.put("schema", SCHEMA);
            o.put("organizationId", j.organizationId());
            o.put("meterId", j.meterId());
            o.put("reason", j.reason());
            o.put("scheduledAt", io.meterflow.model.IsoInstant.format(j.scheduledAt()));
            try {
                return new ConfirmedPublisher.Outgoing(AmqpTopology.POLL, json.writeValueAsBytes(o), "application/json",
                        UUID.randomUUID().toString(), Map.<String, Object>of("schema", SCHEMA));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList());
    }

    public PollJob parse(byte[] body) {
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
        long meter = o.path("meterId").asLong();
        if (org <= 0 || meter <= 0) {
            throw new MalformedBatchException("meterId", "organizationId and meterId are required");
        }
        Instant at;
        try {
            at = io.meterflow.model.IsoInstant.parse(o.path("scheduledAt").asText());
        } catch (RuntimeException e) {
            at = Instant.now();
        }
        return new PollJob(org, meter, o.path("reason").asText("scheduled"), at);
    }
}
