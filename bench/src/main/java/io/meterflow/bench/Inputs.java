package io.meterflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Frame;
import io.meterflow.model.FrameDecoder;
import io.meterflow.model.Telegram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The frames the benchmarks decode, built from the conformance vectors the way the hub builds
 * them: {@link Frame#parts()} in arrival order, keys by kind, or the readout as text.
 */
public final class Inputs {

    /** A fixed arrival time, so that no benchmark depends on the clock. */
    static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");

    static final String DLMS_COSEM = "dlms/dlms-cosem.jsonl";
    static final String HAN_ID = "amshan-aidon-no_list_3";
    static final String HDLC_ID = "smdc-iskra_am550-unencrypted_valid_data";
    static final String WIRED_FOLDER = "mbus/libmbus/test-frames";
    static final String MODE_D_ID = "amshan-dlde-example_data_a_landisgyr_360";
    static final String DSMR5_ID = "dsmr-v5";

    private Inputs() {
    }

    /**
     * The UDP-wrapper general-glo-ciphering data-notifications (9 in the set), each with its
     * encryption and authentication key.
     */
    public static List<Frame> dlmsCiphered() {
        List<Frame> frames = new ArrayList<>();
        for (JsonNode r : TestVectors.jsonl(DLMS_COSEM)) {
            if ("udp_wrapper".equals(r.path("transport").asText())) {
                JsonNode keys = r.path("keys");
                byte[] ek = TestVectors.hex(keys.path("encryption_key_hex").asText());
                byte[] ak = TestVectors.hex(keys.path("authentication_key_hex").asText());
                frames.add(new Frame(List.of(TestVectors.hex(r.get("input_hex").asText())), null,
                        Map.of(Frame.ENCRYPTION_KEY, ek, Frame.AUTHENTICATION_KEY, ak), RECEIVED));
            }
        }
        if (frames.isEmpty()) {
            throw new IllegalStateException(DLMS_COSEM + " has no udp_wrapper frames");
        }
        return frames;
    }

    /** Aidon HAN list 3: LLC header and a plain data-notification, no HDLC framing. */
    public static Frame dlmsHanList() {
        JsonNode r = TestVectors.record("dlms/amshan.jsonl", HAN_ID);
        return new Frame(List.of(TestVectors.hex(r.get("input_hex").asText())), null, Map.of(), RECEIVED);
    }

    /** Iskra AM550: one push in segmented HDLC frames, fed in order. */
    public static Frame dlmsSegmentedHdlc() {
        JsonNode r = TestVectors.record("dlms/smartmeter-datacollector.jsonl", HDLC_ID);
        List<byte[]> parts = new ArrayList<>();
        r.get("hdlc_frames_hex").forEach(h -> parts.add(TestVectors.hex(h.asText())));
        return new Frame(parts, null, Map.of(), RECEIVED);
    }

    /**
     * Every libmbus test frame that the {@code mbus} decoder accepts, in file-name order. Frames it
     * rejects (short frames, reversed byte order) are left out, so that the benchmark measures
     * decoding and not the throwing of exceptions; {@link #wiredSkipped()} says how many.
     */
    public static List<Frame> mbusWired() {
        List<Frame> frames = new ArrayList<>();
        FrameDecoder decoder = Decoders.forProtocol("mbus");
        for (Path p : wiredFiles()) {
            Frame f = new Frame(List.of(TestVectors.hex(read(p))), null, Map.of(), RECEIVED);
            try {
                decoder.decode(f);
                frames.add(f);
            } catch (DecodeException e) {
                // not a frame the decoder supports; see wiredSkipped()
            }
        }
        if (frames.isEmpty()) {
            throw new IllegalStateException("no frame in " + WIRED_FOLDER + " decodes");
        }
        return frames;
    }

    public static int wiredSkipped() {
        return wiredFiles().size() - mbusWired().size();
    }

    /** The largest of {@link #mbusWired()}, alone. */
    public static Frame mbusWiredLargest() {
        return mbusWired().stream().max(Comparator.comparingInt(f -> f.single().length)).orElseThrow();
    }

    /** kadenwater: AES-128-CBC security mode 5, with the meter key. */
    public static Frame wmbusMode5() {
        return wireless("wmbus/wmbusmeters/kadenwater.jsonl");
    }

    /** kamheat: no encryption. */
    public static Frame wmbusUnencrypted() {
        return wireless("wmbus/wmbusmeters/kamheat.jsonl");
    }

    /** Landis+Gyr E360 mode D readout, 27 data sets, CRC16. */
    public static Frame iecModeD() {
        return text(TestVectors.record("iec62056-21/amshan.jsonl", MODE_D_ID));
    }

    /** DSMR 5 P1 telegram, 36 data sets and an M-Bus gas meter, CRC16. */
    public static Frame p1Dsmr5() {
        return text(TestVectors.record("iec62056-21/dsmr_parser.jsonl", DSMR5_ID));
    }

    /** Decodes once and insists on readings, so that a benchmark never measures a failure. */
    static void check(FrameDecoder decoder, Frame frame, String what) {
        if (decode(decoder, frame, what).readings().isEmpty()) {
            throw new IllegalStateException(what + " decodes to no readings");
        }
    }

    /** Decodes once and insists on a telegram, for pushes whose content is one opaque value. */
    static Telegram decode(FrameDecoder decoder, Frame frame, String what) {
        Telegram t;
        try {
            t = decoder.decode(frame);
        } catch (RuntimeException e) {
            throw new IllegalStateException(what + " does not decode: " + e.getMessage(), e);
        }
        if (t == null) {
            throw new IllegalStateException(what + " decodes to nothing");
        }
        return t;
    }

    private static Frame text(JsonNode r) {
        return new Frame(List.of(), r.get("input_text").asText(), Map.of(), RECEIVED);
    }

    private static Frame wireless(String file) {
        JsonNode r = TestVectors.jsonl(file).get(0);
        byte[] telegram = TestVectors.hex(r.get("telegram_hex").asText());
        Map<String, byte[]> keys = r.hasNonNull("key_hex")
                ? Map.of(Frame.ENCRYPTION_KEY, TestVectors.hex(r.get("key_hex").asText()))
                : Map.of();
        return new Frame(List.of(telegram), null, keys, RECEIVED);
    }

    private static List<Path> wiredFiles() {
        Path dir = TestVectors.root().resolve(WIRED_FOLDER);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".hex")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
