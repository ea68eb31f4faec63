package io.meterflow.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Everything one frame from one meter said, decoded: the common output of every protocol decoder.
 *
 * <p>{@code raw} keeps the frame as received so that a decoding mistake can be corrected later by
 * decoding again. The array is copied on the way in and on the way out, so a telegram stays
 * immutable, and {@link #equals(Object)} and {@link #hashCode()} compare it by content.
 *
 * @param protocol  the decoder's protocol name, e.g. {@code mbus}; not blank
 * @param device    the sender as the frame names it, or null if the frame carries no identity
 * @param meterTime the meter's clock when it sent the frame, or null
 * @param readings  decoded values; never null, unmodifiable
 * @param events    decoded events; never null, unmodifiable
 * @param raw       the frame as received, or null
 */
public record Telegram(String protocol, DeviceId device, Instant meterTime, List<Reading> readings,
                       List<Event> events, byte[] raw) {

    public Telegram {
        if (protocol == null || protocol.isBlank()) {
            throw new IllegalArgumentException("telegram protocol must not be blank");
        }
        readings = copyOf(readings, "readings");
        events = copyOf(events, "events");
        raw = raw == null ? null : raw.clone();
    }

    /** A copy of the frame as received, or null. */
    @Override
    public byte[] raw() {
        return raw == null ? null : raw.clone();
    }

    /**
     * The readings with {@link #meterTime()} filled in where a reading has no timestamp of its
     * own; the readings themselves are left as decoded.
     */
    public List<Reading> readingsAtMeterTime() {
        if (meterTime == null) {
            return readings;
        }
        List<Reading> stamped = new ArrayList<>(readings.size());
        for (Reading reading : readings) {
            stamped.add(reading.withTimestampIfMissing(meterTime));
        }
        return Collections.unmodifiableList(stamped);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof Telegram other
                && protocol.equals(other.protocol)
                && Objects.equals(device, other.device)
                && Objects.equals(meterTime, other.meterTime)
                && readings.equals(other.readings)
                && events.equals(other.events)
                && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, device, meterTime, readings, events, Arrays.hashCode(raw));
    }

    /** Shows the frame's length, not its bytes: frames can be long and logs are read by people. */
    @Override
    public String toString() {
        return "Telegram[protocol=" + protocol + ", device=" + device + ", meterTime=" + meterTime
                + ", readings=" + readings + ", events=" + events
                + ", raw=" + (raw == null ? "null" : raw.length + " bytes") + "]";
    }

    private static <T> List<T> copyOf(List<T> items, String name) {
        if (items == null || items.isEmpty()) {
            return List.of();
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                throw new IllegalArgumentException("telegram " + name + "[" + i + "] must not be null");
            }
        }
        return List.copyOf(items);
    }
}
