package io.meterflow.hub.decode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.meterflow.hub.amqp.RawFrames;
import io.meterflow.hub.amqp.ReadingPublisher;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Event;
import io.meterflow.model.Frame;
import io.meterflow.model.FrameDecoder;
import io.meterflow.model.KeyRequiredException;
import io.meterflow.model.Medium;
import io.meterflow.model.Reading;
import io.meterflow.model.ReadingBatch;
import io.meterflow.model.Telegram;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns one raw frame from {@code meterflow.decode} into a reading batch on
 * {@code meterflow.readings} and events on {@code meterflow.events}.
 *
 * <p>Every frame is archived with what became of it. It is decoded by the decoder of its protocol; a frame that
 * needs a key names its sender, whose meter and key are looked up and the frame decoded again.
 * A frame whose meter or key is not registered yet is staged, and decoded when they are. A frame
 * that cannot be decoded is marked failed with the reason (and an event when its meter is known);
 * either way the message is done and the queue moves on.
 */
@Component("decodeWorker")
public class DecodeWorker {

    /** What became of a frame, for the route's log. */
    public record Outcome(long rawFrameId, String status, int readings, String detail) {
    }

    private static final Logger log = LoggerFactory.getLogger(DecodeWorker.class);

    private final DecoderPool decoders;
    private final RawFrameArchive archive;
    private final MeterDirectory directory;
    private final ReadingPublisher readings;
    private final MeterEvents events;
    private final Normalizer normalizer;

    public DecodeWorker(DecoderPool decoders, RawFrameArchive archive, MeterDirectory directory,
                        ReadingPublisher readings, MeterEvents events, Normalizer normalizer) {
        this.normalizer = normalizer;
        this.decoders = decoders;
        this.archive = archive;
        this.directory = directory;
        this.readings = readings;
        this.events = events;
    }

    /** Set on the exchange once a new frame got through its decoder (a DLMS counter may be accepted). */
    static final String DECODED_ONCE = "meterflow.decode.decodedOnce";

    public Outcome process(org.apache.camel.Exchange exchange, byte[] payload,
                           @Header(RawFrames.PROTOCOL) String protocol,
                           @Header(RawFrames.TRANSPORT) String transport,
                           @Header(RawFrames.SOURCE) String source,
                           @Header(RawFrames.RECEIVED_AT) String receivedAtText,
                           @Header(RawFrames.ORGANIZATION) Long organizationId,
                           @Header(RawFrames.RAW_FRAME_ID) Long rawFrameId,
                           @Header(RawFrames.METER) Long meterHint) {
        Instant receivedAt = parseTime(receivedAtText);
        String proto = protocol == null ? "unknown" : protocol;
        Row row = new Row(exchange, rawFrameId, organizationId, meterHint, proto, transport == null ? "unknown" : transport, source,
                receivedAt, payload);
        // A frame archived before (redecoding), or one that got through its decoder in an earlier
        // attempt of this delivery (its DLMS counter may be accepted already), is decoded as an
        // archived frame, without the replay check.
        boolean again = rawFrameId != null || Boolean.TRUE.equals(exchange.getProperty(DECODED_ONCE));
        FrameDecoder decoder = again ? decoders.forArchived(proto) : decoders.get(proto);
        if (decoder == null) {
            long id = row.failed("no decoder for protocol '" + proto + "'", null, null, organizationId, null);
            return new Outcome(id, "failed", 0, "unknown protocol " + proto);
        }
        MeterDirectory.MeterRef meter = null;
        if (meterHint != null && organizationId != null) {
            meter = directory.byId(organizationId, meterHint).orElse(null);
            if (meter == null) {
                long id = row.failed("meter " + meterHint + " named by the receiver does not exist", null, null, organizationId, null);
                return new Outcome(id, "failed", 0, "no meter " + meterHint);
            }
        }
        Frame frame = new Frame(List.of(payload), null, meter == null ? Map.of() : directory.keysOf(meter), receivedAt);
        String deviceKey = null;
        Telegram telegram;
        try {
            try {
                telegram = decoder.decode(frame);
            } catch (KeyRequiredException needKey) {
                if (meter != null || needKey.device() == null) {
                    throw needKey;
                }
                deviceKey = needKey.device().key();
                String[] problem = new String[1];
                Optional<MeterDirectory.MeterRef> found = directory.find(deviceKey, organizationId, problem);
                if (found.isEmpty()) {
                    return new Outcome(row.staged(deviceKey, problem[0]), "staged", 0, problem[0]);
                }
                meter = found.get();
                Map<String, byte[]> keys = directory.keysOf(meter);
                if (keys.isEmpty()) {
                    String why = "meter " + meter.id() + " has no key yet: " + needKey.getMessage();
                    return new Outcome(row.staged(deviceKey, why), "staged", 0, why);
                }
                telegram = decoder.decode(frame.withKeys(keys));
            }
        } catch (DecodeException e) {
            long id = row.failed(e.getMessage(), e.offset(), deviceKey, organizationId, meter == null ? null : meter.id());
            if (meter != null) {
                events.publish(meter.organizationId(), meter.id(), proto, List.of(new MeterEvents.MeterEvent("decode_failed",
                        receivedAt, "warning", e.getMessage(), Map.of("rawFrameId", Long.toString(id)))));
            }
            return new Outcome(id, "failed", 0, e.getMessage());
        }
        exchange.setProperty(DECODED_ONCE, Boolean.TRUE);

        if (meter != null && deviceKey == null && telegram.device() != null) {
            deviceKey = telegram.device().key();
        }
        if (meter == null) {
            if (telegram.device() == null) {
                long id = row.failed("the frame names no device, so it cannot be given to a meter", null, null, organizationId, null);
                return new Outcome(id, "failed", 0, "no device identity");
            }
            deviceKey = telegram.device().key();
            String[] problem = new String[1];
            Optional<MeterDirectory.MeterRef> found = directory.find(deviceKey, organizationId, problem);
            if (found.isEmpty()) {
                return new Outcome(row.staged(deviceKey, problem[0]), "staged", 0, problem[0]);
            }
            meter = found.get();
        }

        java.time.ZoneId zone = MeterClock.zoneFor(proto, meter.timezone());
        Instant meterTime = MeterClock.local(telegram.meterTime(), zone);
        Instant defaultTime = meterTime != null ? meterTime : receivedAt;
        List<Reading> stamped = new ArrayList<>(telegram.readings().size());
        for (Reading r : telegram.readings()) {
            Instant ts = MeterClock.local(r.timestamp(), zone);
            stamped.add(ts == r.timestamp() ? r.withTimestampIfMissing(defaultTime)
                    : new Reading(r.register(), r.value(), r.unit(), ts, r.quality(), r.description()));
        }
        stamped = normalizer.normalize(meter.meterType(), meter.ctRatio(), meter.vtRatio(), stamped);
        if (!stamped.isEmpty()) {
            readings.publish(List.of(ReadingBatch.of(meter.organizationId(), meter.id(), Medium.fromCode(meter.medium()),
                    proto, receivedAt, stamped)));
        }
        List<MeterEvents.MeterEvent> evs = new ArrayList<>();
        for (Event e : telegram.events()) {
            evs.add(new MeterEvents.MeterEvent(e.code(), e.timestamp() != null ? MeterClock.local(e.timestamp(), zone) : defaultTime, "info",
                    e.description(), e.attributes()));
        }
        events.publish(meter.organizationId(), meter.id(), proto, evs);
        // Archived last: a failure before this point redelivers the frame, and nothing was recorded twice.
        long id = row.decoded(meter.organizationId(), meter.id(), deviceKey);
        log.debug("Frame {} of meter {}: {} readings, {} events", id, meter.id(), stamped.size(), evs.size());
        return new Outcome(id, "decoded", stamped.size(), "meter " + meter.id());
    }

    /**
     * The frame's row in {@code raw_frame}. A new frame's row is written once, with its outcome
     * (one statement instead of an insert and an update); a frame archived before is updated. The
     * row's id goes on the exchange, so that a redelivery after a failure updates that row.
     */
    private final class Row {
        private final org.apache.camel.Exchange exchange;
        private final Long organizationId;
        private final Long meterHint;
        private final String protocol;
        private final String transport;
        private final String source;
        private final Instant receivedAt;
        private final byte[] payload;
        private Long id;

        Row(org.apache.camel.Exchange exchange, Long id, Long organizationId, Long meterHint, String protocol, String transport,
            String source, Instant receivedAt, byte[] payload) {
            this.exchange = exchange;
            this.id = id;
            this.organizationId = organizationId;
            this.meterHint = meterHint;
            this.protocol = protocol;
            this.transport = transport;
            this.source = source;
            this.receivedAt = receivedAt;
            this.payload = payload;
        }

        long decoded(long org, long meterId, String deviceKey) {
            if (id == null) {
                return remember(archive.record(org, meterId, protocol, transport, source, receivedAt, payload, "decoded", deviceKey,
                        null, null));
            }
            archive.decoded(id, org, meterId, deviceKey);
            return id;
        }

        long staged(String deviceKey, String reason) {
            if (id == null) {
                return remember(archive.record(organizationId, meterHint, protocol, transport, source, receivedAt, payload, "staged",
                        deviceKey, reason, null));
            }
            archive.staged(id, deviceKey, reason);
            return id;
        }

        long failed(String reason, Integer offset, String deviceKey, Long org, Long meterId) {
            if (id == null) {
                return remember(archive.record(org != null ? org : organizationId, meterId != null ? meterId : meterHint, protocol,
                        transport, source, receivedAt, payload, "failed", deviceKey, reason, offset));
            }
            archive.failed(id, reason, offset, deviceKey, org, meterId);
            return id;
        }

        private long remember(long newId) {
            id = newId;
            exchange.getIn().setHeader(RawFrames.RAW_FRAME_ID, newId);
            return newId;
        }
    }

    private static Instant parseTime(String text) {
        if (text == null) {
            return Instant.now();
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
