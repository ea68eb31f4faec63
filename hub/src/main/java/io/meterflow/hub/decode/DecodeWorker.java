package io.meterflow.hub.decode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.meterflow.hub.amqp.ConfirmedPublisher;
import io.meterflow.hub.amqp.FrameBatch;
import io.meterflow.hub.amqp.RawFrames;
import io.meterflow.hub.amqp.ReadingPublisher;
import io.meterflow.hub.db.Tenancy;
import io.meterflow.hub.storage.ReadingStore;
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
 * Turns the raw frames of one message from {@code meterflow.decode} (one frame, or a
 * {@link FrameBatch} of many) into stored readings, reading batches on {@code meterflow.readings}
 * and events on {@code meterflow.events}.
 *
 * <p>Every frame is decoded by the decoder of its protocol; a frame that needs a key names its
 * sender, whose meter and key are looked up and the frame decoded again. A frame whose meter or
 * key is not registered yet is staged, and decoded when they are. A frame that cannot be decoded
 * is marked failed with the reason (and an event when its meter is known); either way the others
 * go on and the queue moves on.
 *
 * <p>Then one transaction for the whole message: the DLMS invocation counters of all frames are
 * checked (a replayed frame is marked failed and its readings dropped), every frame is archived
 * in {@code raw_frame} with what became of it, the readings are stored, and the reading batches
 * (one per meter) and events are published and confirmed by the broker, before the commit. So a
 * frame's counter, its archive row and its readings are committed together or not at all, and a
 * failure anywhere sends the whole message round again with nothing half done; the readings may
 * then be published twice, which consumers deduplicate (docs/messages.md). If the transaction
 * fails for a reason that retrying will not cure, the frames are taken one at a time, so that
 * only the frame at fault is marked failed.
 */
@Component("decodeWorker")
public class DecodeWorker {

    /** What became of the frames of one message, for the route's log. */
    public record Outcome(int frames, int decoded, int staged, int failed, int readings, int stored) {
        static final Outcome NONE = new Outcome(0, 0, 0, 0, 0, 0);

        Outcome plus(Outcome o) {
            return new Outcome(frames + o.frames, decoded + o.decoded, staged + o.staged, failed + o.failed, readings + o.readings,
                    stored + o.stored);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DecodeWorker.class);

    private final DecoderPool decoders;
    private final RawFrameArchive archive;
    private final MeterDirectory directory;
    private final ReadingPublisher readings;
    private final MeterEvents events;
    private final Normalizer normalizer;
    private final Tenancy tenancy;
    private final PgInvocationCounters counters;
    private final ReadingStore store;

    public DecodeWorker(DecoderPool decoders, RawFrameArchive archive, MeterDirectory directory, ReadingPublisher readings,
                        MeterEvents events, Normalizer normalizer, Tenancy tenancy, PgInvocationCounters counters,
                        ReadingStore store) {
        this.decoders = decoders;
        this.archive = archive;
        this.directory = directory;
        this.readings = readings;
        this.events = events;
        this.normalizer = normalizer;
        this.tenancy = tenancy;
        this.counters = counters;
        this.store = store;
    }

    /** Entry point of the decode route: a batch message (header {@value FrameBatch#FRAMES_HEADER}) or a single frame. */
    public Outcome process(byte[] body,
                           @Header(FrameBatch.FRAMES_HEADER) Integer frameCount,
                           @Header(RawFrames.PROTOCOL) String protocol,
                           @Header(RawFrames.TRANSPORT) String transport,
                           @Header(RawFrames.SOURCE) String source,
                           @Header(RawFrames.RECEIVED_AT) String receivedAtText,
                           @Header(RawFrames.ORGANIZATION) Long organizationId,
                           @Header(RawFrames.RAW_FRAME_ID) Long rawFrameId,
                           @Header(RawFrames.METER) Long meterHint) {
        List<RawFrames.Raw> frames = frameCount != null ? FrameBatch.decode(body)
                : List.of(new RawFrames.Raw(protocol == null ? "unknown" : protocol, transport == null ? "unknown" : transport, source,
                parseTime(receivedAtText), organizationId, rawFrameId, meterHint, body));
        return decode(frames);
    }

    /** Decodes, archives and stores the frames; see the class comment. */
    public Outcome decode(List<RawFrames.Raw> frames) {
        List<Work> work = new ArrayList<>(frames.size());
        for (RawFrames.Raw f : frames) {
            work.add(decodeOne(f));
        }
        try {
            return commit(work);
        } catch (RuntimeException e) {
            if (Retrying.cures(e)) {
                throw e;
            }
            if (store.partitionGone(e)) {
                // Prepared again, the readings create the partition anew.
                work.forEach(w -> w.prepared = w.readings == null ? null : store.prepare(w.readings));
                return commit(work);
            }
            if (work.size() == 1) {
                return giveUp(work.get(0), e);
            }
            log.warn("A batch of {} frames could not be committed ({}); committing them one at a time", work.size(), e.toString());
            Outcome sum = Outcome.NONE;
            for (Work w : work) {
                try {
                    sum = sum.plus(commit(List.of(w)));
                } catch (RuntimeException alone) {
                    if (Retrying.cures(alone)) {
                        throw alone;
                    }
                    sum = sum.plus(giveUp(w, alone));
                }
            }
            return sum;
        }
    }

    /** A frame that cannot be committed as decoded: recorded as failed with the reason, without what could not be stored. */
    private Outcome giveUp(Work w, RuntimeException why) {
        log.warn("Frame from {} could not be committed: {}", w.frame.source(), why.toString());
        return commit(List.of(w.failedAlone("could not be stored: " + why.getMessage())));
    }

    /** One frame through its decoder, with everything to write and publish noted, nothing done yet. */
    private Work decodeOne(RawFrames.Raw f) {
        Work w = new Work(f);
        DeferredCounters noted = decoders.counters();
        noted.take();
        try {
            decodeInto(w, f);
        } catch (DecodeException e) {
            w.fail(e.getMessage(), e.offset());
        } catch (io.meterflow.model.MalformedBatchException e) {
            w.fail("a reading of the frame cannot be stored: " + e.getMessage(), null);
        } catch (org.springframework.dao.DataAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            // A decoder bug must not take the other frames of the batch with it.
            log.warn("Decoding a {} frame from {} failed unexpectedly", f.protocol(), f.source(), e);
            w.fail("the decoder failed: " + e, null);
        }
        List<PgInvocationCounters.Seen> seen = noted.take();
        w.counters = w.status.equals("decoded") ? seen : List.of();
        return w;
    }

    private void decodeInto(Work w, RawFrames.Raw f) {
        String proto = f.protocol();
        // An archived frame decoded again (redecoding) had its DLMS counter accepted the first time.
        FrameDecoder decoder = f.rawFrameId() != null ? decoders.forArchived(proto) : decoders.get(proto);
        if (decoder == null) {
            w.fail("no decoder for protocol '" + proto + "'", null);
            return;
        }
        if (f.organizationId() != null && !directory.organizationExists(f.organizationId())) {
            w.bare = true; // archived without the organization that does not exist
            w.fail("organization " + f.organizationId() + " named by the receiver does not exist", null);
            return;
        }
        MeterDirectory.MeterRef meter = null;
        if (f.meterId() != null && f.organizationId() != null) {
            meter = directory.byId(f.organizationId(), f.meterId()).orElse(null);
            if (meter == null) {
                w.fail("meter " + f.meterId() + " named by the receiver does not exist", null);
                return;
            }
        }
        Frame frame = new Frame(List.of(f.payload()), null, meter == null ? Map.of() : directory.keysOf(meter), f.receivedAt());
        Telegram telegram;
        try {
            try {
                telegram = decoder.decode(frame);
            } catch (KeyRequiredException needKey) {
                if (meter != null || needKey.device() == null) {
                    throw needKey;
                }
                w.deviceKey = needKey.device().key();
                String[] problem = new String[1];
                Optional<MeterDirectory.MeterRef> found = directory.find(w.deviceKey, f.organizationId(), problem);
                if (found.isEmpty()) {
                    w.stage(problem[0]);
                    return;
                }
                meter = found.get();
                Map<String, byte[]> keys = directory.keysOf(meter);
                if (keys.isEmpty()) {
                    w.stage("meter " + meter.id() + " has no key yet: " + needKey.getMessage());
                    return;
                }
                telegram = decoder.decode(frame.withKeys(keys));
            }
        } catch (DecodeException e) {
            w.meter = meter;
            throw e;
        }
        if (meter != null && w.deviceKey == null && telegram.device() != null) {
            w.deviceKey = telegram.device().key();
        }
        if (meter == null) {
            if (telegram.device() == null) {
                w.fail("the frame names no device, so it cannot be given to a meter", null);
                return;
            }
            w.deviceKey = telegram.device().key();
            String[] problem = new String[1];
            Optional<MeterDirectory.MeterRef> found = directory.find(w.deviceKey, f.organizationId(), problem);
            if (found.isEmpty()) {
                w.stage(problem[0]);
                return;
            }
            meter = found.get();
        }
        w.meter = meter;
        ZoneId zone = MeterClock.zoneFor(proto, meter.timezone());
        Instant meterTime = MeterClock.local(telegram.meterTime(), zone);
        Instant defaultTime = meterTime != null ? meterTime : f.receivedAt();
        List<Reading> stamped = new ArrayList<>(telegram.readings().size());
        for (Reading r : telegram.readings()) {
            Instant ts = MeterClock.local(r.timestamp(), zone);
            stamped.add(ts == r.timestamp() ? r.withTimestampIfMissing(defaultTime)
                    : new Reading(r.register(), r.value(), r.unit(), ts, r.quality(), r.description()));
        }
        stamped = normalizer.normalize(meter.meterType(), meter.ctRatio(), meter.vtRatio(), stamped);
        if (!stamped.isEmpty()) {
            w.readings = ReadingBatch.of(meter.organizationId(), meter.id(), Medium.fromCode(meter.medium()), proto, f.receivedAt(),
                    stamped);
            w.prepared = store.prepare(w.readings);
        }
        for (Event e : telegram.events()) {
            w.events.add(new MeterEvents.MeterEvent(e.code(), e.timestamp() != null ? MeterClock.local(e.timestamp(), zone) : defaultTime,
                    "info", e.description(), e.attributes()));
        }
        w.status = "decoded";
    }

    /** The transaction of the class comment, for these frames. */
    private Outcome commit(List<Work> work) {
        return tenancy.asSystem(jdbc -> {
            // 1. Replay checks of every counter of the decoded frames, in order.
            List<PgInvocationCounters.Seen> seen = new ArrayList<>();
            for (Work w : work) {
                w.replay = null;
                seen.addAll(w.counters);
            }
            List<PgInvocationCounters.Checked> checked = counters.advanceAll(jdbc, seen);
            int k = 0;
            for (Work w : work) {
                for (PgInvocationCounters.Seen s : w.counters) {
                    PgInvocationCounters.Checked c = checked.get(k++);
                    if (!c.accepted() && w.replay == null) {
                        w.replay = "replayed frame from " + s.systemTitle() + ": invocation counter " + s.counter()
                                + " was accepted before, or is more than " + counters.window() + " below the highest accepted, "
                                + c.highest();
                    }
                }
            }
            // 2. Every frame's row: new frames in one insert, archived ones (redecoding) updated.
            List<Work> fresh = new ArrayList<>();
            for (Work w : work) {
                if (w.frame.rawFrameId() == null) {
                    fresh.add(w);
                } else {
                    w.id = w.frame.rawFrameId();
                }
            }
            long[] ids = fresh.isEmpty() ? new long[0] : archive.newIds(jdbc, fresh.size());
            List<RawFrameArchive.NewRow> rows = new ArrayList<>(fresh.size());
            for (int i = 0; i < fresh.size(); i++) {
                Work w = fresh.get(i);
                w.id = ids[i];
                rows.add(w.newRow());
            }
            archive.recordAll(jdbc, ids, rows);
            for (Work w : work) {
                if (w.frame.rawFrameId() != null) {
                    update(w);
                }
            }
            // 3. Readings and their messages, events.
            List<ReadingStore.Prepared> toStore = new ArrayList<>();
            List<ReadingBatch> toPublish = new ArrayList<>();
            List<ConfirmedPublisher.Outgoing> eventMessages = new ArrayList<>();
            int decoded = 0;
            int staged = 0;
            int failed = 0;
            int readingCount = 0;
            for (Work w : work) {
                switch (w.finalStatus()) {
                    case "decoded" -> {
                        decoded++;
                        if (w.readings != null) {
                            toStore.add(w.prepared);
                            toPublish.add(w.readings);
                            readingCount += w.readings.readings().size();
                        }
                        if (!w.events.isEmpty()) {
                            eventMessages.addAll(events.messages(w.meter.organizationId(), w.meter.id(), w.frame.protocol(), w.events));
                        }
                    }
                    case "staged" -> staged++;
                    default -> {
                        failed++;
                        if (w.meter != null) {
                            eventMessages.addAll(events.messages(w.meter.organizationId(), w.meter.id(), w.frame.protocol(),
                                    List.of(new MeterEvents.MeterEvent("decode_failed", w.frame.receivedAt(), "warning", w.error(),
                                            Map.of("rawFrameId", Long.toString(w.id))))));
                        }
                    }
                }
            }
            // Stored before anything is published, so that a reading the database refuses is never
            // sent to other systems. It may switch the transaction to the tenants' role: nothing
            // after it writes to the database.
            int stored = toStore.isEmpty() ? 0 : store.writeWithin(jdbc, toStore);
            readings.publish(toPublish);
            events.publishAll(eventMessages);
            return new Outcome(work.size(), decoded, staged, failed, readingCount, stored);
        });
    }

    /** An archived frame decoded again: its row is updated (a statement per frame; redecoding is rare). Joins the commit's transaction. */
    private void update(Work w) {
        switch (w.finalStatus()) {
            case "decoded" -> archive.decoded(w.id, w.meter.organizationId(), w.meter.id(), w.deviceKey);
            case "staged" -> archive.staged(w.id, w.deviceKey, w.error());
            default -> archive.failed(w.id, w.error(), w.replay == null ? w.offset : null, w.deviceKey,
                    w.meter == null ? null : w.meter.organizationId(), w.meter == null ? null : w.meter.id());
        }
    }

    /** One frame of the message: what its decoding found, to be written in the commit. */
    private static final class Work {
        final RawFrames.Raw frame;
        String status = "failed";
        String reason;
        Integer offset;
        String deviceKey;
        MeterDirectory.MeterRef meter;
        ReadingBatch readings;
        ReadingStore.Prepared prepared;
        final List<MeterEvents.MeterEvent> events = new ArrayList<>();
        List<PgInvocationCounters.Seen> counters = List.of();
        /** Set in the commit when a counter of the frame was refused. */
        String replay;
        /** Recorded without organization and meter (see {@link #failedAlone}). */
        boolean bare;
        long id;

        Work(RawFrames.Raw frame) {
            this.frame = frame;
        }

        void fail(String why, Integer at) {
            status = "failed";
            reason = why;
            offset = at;
        }

        void stage(String why) {
            status = "staged";
            reason = why;
        }

        /**
         * This frame alone, given up as failed with {@code why}: its readings, counters and events
         * dropped, and its row kept to the bytes and what is known of them, without the
         * organization or meter that may be what could not be stored.
         */
        Work failedAlone(String why) {
            Work w = new Work(frame);
            w.deviceKey = deviceKey;
            w.bare = true;
            w.fail(why, null);
            return w;
        }

        String finalStatus() {
            return replay != null ? "failed" : status;
        }

        String error() {
            return replay != null ? replay : reason;
        }

        Long organizationId() {
            if (bare) {
                return null;
            }
            return meter != null ? Long.valueOf(meter.organizationId()) : frame.organizationId();
        }

        Long meterId() {
            if (bare) {
                return null;
            }
            return meter != null ? Long.valueOf(meter.id()) : frame.meterId();
        }

        RawFrameArchive.NewRow newRow() {
            String s = finalStatus();
            return new RawFrameArchive.NewRow(organizationId(), meterId(), frame.protocol(), frame.transport(), frame.source(),
                    frame.receivedAt(), frame.payload(), s, deviceKey, s.equals("decoded") ? null : error(),
                    s.equals("failed") && replay == null ? offset : null);
        }

    }

    private static Instant parseTime(String text) {
        if (text == null) {
            return Instant.now();
        }
        try {
            return io.meterflow.model.IsoInstant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
