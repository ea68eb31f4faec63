package io.meterflow.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a decoder is given: the bytes of one frame, or of frames that belong together (segmented
 * HDLC frames, a full wM-Bus frame and the compact frames after it), or a readout as text; the
 * meter's keys by kind ({@code encryption}, {@code authentication}, ...); and when it arrived.
 *
 * @param parts      the frames in arrival order; empty for a text readout
 * @param text       a readout as characters (IEC 62056-21, DSMR P1); null for binary frames
 * @param keys       key kind to key bytes; empty when no key is known
 * @param receivedAt when the hub received it; decoders use it where the meter sends no time
 */
public record Frame(List<byte[]> parts, String text, Map<String, byte[]> keys, Instant receivedAt) {

    public static final String ENCRYPTION_KEY = "encryption";
    public static final String AUTHENTICATION_KEY = "authentication";

    public Frame {
        parts = parts == null ? List.of() : List.copyOf(parts);
        keys = keys == null ? Map.of() : Map.copyOf(keys);
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (parts.isEmpty() && text == null) {
            throw new IllegalArgumentException("a frame needs bytes or text");
        }
    }

    public static Frame of(byte[] bytes) {
        return new Frame(List.of(bytes), null, Map.of(), Instant.now());
    }

    public static Frame ofText(String text) {
        return new Frame(List.of(), text, Map.of(), Instant.now());
    }

    public Frame withKeys(Map<String, byte[]> newKeys) {
        return new Frame(parts, text, newKeys, receivedAt);
    }

    /** The only part; a decoder of single frames calls this. */
    public byte[] single() {
        if (parts.size() != 1) {
            throw new DecodeException("expected one frame, got " + parts.size());
        }
        return parts.get(0);
    }

    public byte[] key(String kind) {
        return keys.get(kind);
    }
}
