package io.meterflow.hub.decode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.meterflow.hub.amqp.RawFrames;
import io.meterflow.hub.amqp.ReadingPublisher;
import io.meterflow.hub.api.Meters;
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
 * <p>The frame is archived first. It is decoded by the decoder of its protocol; a frame that
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
    private final Meters meters;
    private final ReadingPublisher readings;
    private final MeterEvents events;
    private final Normalizer normalizer;

    public DecodeWorker(DecoderPool decoders, RawFrameArchive archive, MeterDirectory directory, Meters meters,
                        ReadingPublisher readings, MeterEvents events, Normalizer normalizer) {
        this.normalizer = normalizer;
        this.decoders = decoders;
        this.archive = archive;
        this.directory = directory;
        this.meters = meters;
        this.readings = readings;
        this.events = events;
    }

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
        long frameId = rawFrameId != null ? rawFrameId
                : archive.archive(organizationId, meterHint, proto, transport == null ? "unknown" : transport, source, receivedAt, payload);
        // A redelivery after a database failure finds the frame archived already (and its DLMS counter
        // possibly accepted): it is decoded as an archived frame, not archived twice.
        exchange.getIn().setHeader(RawFrames.RAW_FRAME_ID, frameId);
        FrameDecoder decoder = rawFrameId == null ? decoders.get(proto) : decoders.forArchived(proto);
        if (decoder == null) {
            archive.failed(frameId, "no decoder for protocol '" + proto + "'", null, null, organizationId, null);
            return new Outcome(frameId, "failed", 0, "unknown protocol " + proto);
        }
        MeterDirectory.MeterRef meter = null;
        if (meterHint != null && organizationId != null) {
            meter = directory.byId(organizationId, meterHint).orElse(null);
            if (meter == null) {
                archive.failed(frameId, "meter " + meterHint + " named by the receiver does not exist", null, null, organizationId, null);
                return new Outcome(frameId, "failed", 0, "no meter " + meterHint);
            }
        }
        Frame frame = new Frame(List.of(payload), null, meter == null ? Map.of() : meters.keysOf(meter.organizationId(), meter.id()),
                receivedAt);
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
                    archive.staged(frameId, deviceKey, problem[0]);
                    return new Outcome(frameId, "staged", 0, problem[0]);
                }
                meter = found.get();
                Map<String, byte[]> keys = meters.keysOf(meter.organizationId(), meter.id());
                if (keys.isEmpty()) {
                    String why = "meter " + meter.id() + " has no key yet: " + needKey.getMessage();
                    archive.staged(frameId, deviceKey, why);
                    return new Outcome(frameId, "staged", 0, why);
                }
                telegram = decoder.decode(frame.withKeys(keys));
            }
        } catch (DecodeException e) {
            archive.failed(frameId, e.getMessage(), e.offset(), deviceKey, organizationId, meter == null ? null : meter.id());
            if (meter != null) {
                events.publish(meter.organizationId(), meter.id(), proto, List.of(new MeterEvents.MeterEvent("decode_failed",
                        receivedAt, "warning", e.getMessage(), Map.of("rawFrameId", Long.toString(frameId)))));
            }
            return new Outcome(frameId, "failed", 0, e.getMessage());
        }

        if (meter != null && deviceKey == null && telegram.device() != null) {
            deviceKey = telegram.device().key();
        }
        if (meter == null) {
            if (telegram.device() == null) {
                archive.failed(frameId, "the frame names no device, so it cannot be given to a meter", null, null, organizationId, null);
                return new Outcome(frameId, "failed", 0, "no device identity");
            }
            deviceKey = telegram.device().key();
            String[] problem = new String[1];
            Optional<MeterDirectory.MeterRef> found = directory.find(deviceKey, organizationId, problem);
            if (found.isEmpty()) {
                archive.staged(frameId, deviceKey, problem[0]);
                return new Outcome(frameId, "staged", 0, problem[0]);
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
        archive.decoded(frameId, meter.organizationId(), meter.id(), deviceKey);
        log.debug("Frame {} of meter {}: {} readings, {} events", frameId, meter.id(), stamped.size(), evs.size());
        return new Outcome(frameId, "decoded", stamped.size(), "meter " + meter.id());
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
