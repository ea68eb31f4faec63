package io.meterflow.hub.amqp;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Raw frames on {@code meterflow.raw}: the bytes as received, with headers saying what they are
 * and where they came from. Routing key {@code <protocol>.<transport>}. Receivers publish here
 * and acknowledge their sender only after the broker confirmed.
 */
@Component
public class RawFrames {

    public static final String PROTOCOL = "mf-protocol";
    public static final String TRANSPORT = "mf-transport";
    public static final String SOURCE = "mf-source";
    public static final String RECEIVED_AT = "mf-received-at";
    /** Set when the sender is known to act for one organization (API key, webhook token). */
    public static final String ORGANIZATION = "mf-organization";
    /** Set when an archived frame is sent through decoding again. */
    public static final String RAW_FRAME_ID = "mf-raw-frame-id";
    /**
     * Set when the receiver already knows the meter (a LoRaWAN uplink names its device, a poll
     * names its meter): the frame is given to that meter of {@link #ORGANIZATION}, whatever
     * identity, if any, its payload carries.
     */
    public static final String METER = "mf-meter";

    /** One frame to publish. {@code organizationId}, {@code rawFrameId} and {@code meterId} may be null. */
    public record Raw(String protocol, String transport, String source, Instant receivedAt, Long organizationId,
                      Long rawFrameId, Long meterId, byte[] payload) {
    }

    private final ConfirmedPublisher publisher;

    public RawFrames(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Publishes the frames, confirmed by the broker before it returns. Frames of one protocol and
     * transport travel together in {@link FrameBatch} messages of at most {@value #MAX_BATCH}; a
     * frame alone is a message of its own with its bytes as the body, the form other systems
     * may publish too.
     */
    public void publish(List<Raw> frames) {
        Map<String, List<Raw>> byKey = new java.util.LinkedHashMap<>();
        for (Raw f : frames) {
            byKey.computeIfAbsent(f.protocol() + "." + f.transport(), k -> new java.util.ArrayList<>()).add(f);
        }
        List<ConfirmedPublisher.Outgoing> out = new java.util.ArrayList<>();
        byKey.forEach((key, group) -> {
            for (int from = 0; from < group.size(); from += MAX_BATCH) {
                List<Raw> part = group.subList(from, Math.min(group.size(), from + MAX_BATCH));
                out.add(part.size() == 1 ? single(part.get(0)) : new ConfirmedPublisher.Outgoing(key, FrameBatch.encode(part),
                        FrameBatch.CONTENT_TYPE, null, Map.of(FrameBatch.FRAMES_HEADER, part.size())));
            }
        });
        publisher.publish(AmqpTopology.RAW, out);
    }

    /** Frames in one batch message at most. */
    public static final int MAX_BATCH = 1000;

    private static ConfirmedPublisher.Outgoing single(Raw f) {
        Map<String, Object> h = new HashMap<>();
        h.put(PROTOCOL, f.protocol());
        h.put(TRANSPORT, f.transport());
        if (f.source() != null) {
            h.put(SOURCE, f.source());
        }
        h.put(RECEIVED_AT, f.receivedAt().toString());
        if (f.organizationId() != null) {
            h.put(ORGANIZATION, f.organizationId());
        }
        if (f.rawFrameId() != null) {
            h.put(RAW_FRAME_ID, f.rawFrameId());
        }
        if (f.meterId() != null) {
            h.put(METER, f.meterId());
        }
        return new ConfirmedPublisher.Outgoing(f.protocol() + "." + f.transport(), f.payload(), "application/octet-stream", null, h);
    }
}
