package io.meterflow.hub.receive;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.meterflow.hub.amqp.RawFrames;
import io.meterflow.hub.decode.RawFrameArchive;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What every receiver route ends in: the bytes as they came, published to {@code meterflow.raw}
 * in batches ({@link FrameBatcher}) with publisher confirms. {@code accept} returns only once the
 * broker confirmed the frame, so a route that acknowledges its sender afterwards (MQTT, HDLC)
 * never acknowledges what could be lost; {@code push} returns at once, for transports that have
 * no acknowledgement (DLMS pushes over UDP and TCP, gateways' hex lines). Receivers do not decode.
 */
@Component("frameReceiver")
public class FrameReceiver {

    private static final Logger log = LoggerFactory.getLogger(FrameReceiver.class);

    private final FrameBatcher batcher;
    private final RawFrameArchive archive;

    public FrameReceiver(FrameBatcher batcher, RawFrameArchive archive) {
        this.batcher = batcher;
        this.archive = archive;
    }

    /**
     * Bytes of one frame, returning once the broker confirmed them. The route sets the protocol,
     * transport and (optionally) organization headers.
     */
    public void accept(byte[] payload,
                       @Header(RawFrames.PROTOCOL) String protocol,
                       @Header(RawFrames.TRANSPORT) String transport,
                       @Header("CamelNettyRemoteAddress") Object remote,
                       @Header(RawFrames.ORGANIZATION) String organization) {
        submit(payload, protocol, transport, remote, organization, true);
    }

    /** Bytes of one frame from a transport without acknowledgements: queued for the broker, returning at once. */
    public void push(byte[] payload,
                     @Header(RawFrames.PROTOCOL) String protocol,
                     @Header(RawFrames.TRANSPORT) String transport,
                     @Header("CamelNettyRemoteAddress") Object remote,
                     @Header(RawFrames.ORGANIZATION) String organization) {
        submit(payload, protocol, transport, remote, organization, false);
    }

    /**
     * The frames a stream receiver split from one read ({@link WrapperFrames}), in order, from a
     * transport without acknowledgements: queued for the broker, returning at once (unless the
     * queue is full).
     */
    public void pushAll(List<byte[]> frames,
                        @Header(RawFrames.PROTOCOL) String protocol,
                        @Header(RawFrames.TRANSPORT) String transport,
                        @Header("CamelNettyRemoteAddress") Object remote,
                        @Header(RawFrames.ORGANIZATION) String organization) {
        String source = remote == null ? null : remote.toString();
        Long org = organizationId(organization);
        Instant now = Instant.now();
        for (byte[] payload : frames) {
            if (payload != null && payload.length > 0) {
                batcher.add(new RawFrames.Raw(protocol, transport, source, now, org, null, null, payload));
            }
        }
    }

    private void submit(byte[] payload, String protocol, String transport, Object remote, String organization, boolean confirmed) {
        if (payload == null || payload.length == 0) {
            return;
        }
        CompletableFuture<Void> published = batcher.add(new RawFrames.Raw(protocol, transport, remote == null ? null : remote.toString(),
                Instant.now(), organizationId(organization), null, null, payload), confirmed);
        if (confirmed) {
            try {
                published.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
    }

    /**
     * The frames of one push (HDLC segments, in order) as one raw frame: the dlms decoder takes
     * several HDLC frames in one part.
     */
    public void acceptFrames(Object body,
                             @Header(RawFrames.PROTOCOL) String protocol,
                             @Header(RawFrames.TRANSPORT) String transport,
                             @Header("CamelDlmsRemoteAddress") Object remote,
                             @Header(RawFrames.ORGANIZATION) String organization) {
        if (body instanceof byte[] one) {
            accept(one, protocol, transport, remote, organization);
        } else if (body instanceof List<?> parts) {
            java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
            for (Object p : parts) {
                joined.writeBytes((byte[]) p);
            }
            accept(joined.toByteArray(), protocol, transport, remote, organization);
        }
    }

    /**
     * One frame written as hex on a line, as gateways forward wM-Bus and M-Bus telegrams. A line
     * that is not hex is recorded as a failed frame (with the line as its payload) and skipped.
     */
    public void acceptHexLine(String line,
                              @Header(RawFrames.PROTOCOL) String protocol,
                              @Header(RawFrames.TRANSPORT) String transport,
                              @Header("CamelNettyRemoteAddress") Object remote,
                              @Header(RawFrames.ORGANIZATION) String organization) {
        hexLine(line, protocol, transport, remote, organization, false);
    }

    private void hexLine(String line, String protocol, String transport, Object remote, String organization, boolean confirmed) {
        if (line == null || line.isBlank()) {
            return;
        }
        String source = remote == null ? null : remote.toString();
        byte[] payload;
        try {
            payload = HexFormat.of().parseHex(line.trim().replaceAll("[\\s:_-]", ""));
        } catch (IllegalArgumentException e) {
            byte[] text = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            long id = archive.archive(organizationId(organization), protocol, transport, source, Instant.now(), text);
            archive.failed(id, "the line is not hex: " + e.getMessage(), null, null, null, null);
            log.warn("Skipped a line from {} that is not hex (raw frame {})", source, id);
            return;
        }
        submit(payload, protocol, transport, remote, organization, confirmed);
    }

    /**
     * A telegram published on MQTT under {@code .../<protocol>}: as hex text (what most gateways
     * send) or as binary.
     */
    public void acceptMqtt(byte[] payload,
                           @Header("CamelMqttTopic") String topic,
                           @Header(RawFrames.TRANSPORT) String transport,
                           @Header(RawFrames.ORGANIZATION) String organization) {
        String protocol = topic == null ? "unknown" : topic.substring(topic.lastIndexOf('/') + 1);
        String text = new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1).trim();
        if (!text.isEmpty() && text.matches("[0-9A-Fa-f\\s]+")) {
            hexLine(text, protocol, transport, "mqtt " + topic, organization, true);
        } else {
            accept(payload, protocol, transport, "mqtt " + topic, organization);
        }
    }

    private static Long organizationId(String organization) {
        return organization == null || organization.isBlank() ? null : Long.valueOf(organization.trim());
    }
}
