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

    public void publish(List<Raw> frames) {
        publisher.publish(AmqpTopology.RAW, frames.stream().map(f -> {
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
            return new ConfirmedPublisher.Outgoing(f.protocol() + "." + f.transport(), f.payload(), "application/octet-stream",
                    null, h);
        }).toList());
    }
}
