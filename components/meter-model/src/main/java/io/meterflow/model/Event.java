package io.meterflow.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something a meter reports that is not a register value: a power failure, a tamper alarm, a
 * clock adjustment. Codes are short lower-case words such as {@code power_failure}, so that
 * alarms can be routed by code without parsing descriptions.
 *
 * @param code        what happened, e.g. {@code power_failure}; not blank
 * @param timestamp   when it happened per the meter, or null if the meter did not say
 * @param description human-readable text, or null
 * @param attributes  protocol details (event number, status bits, ...); never null, unmodifiable,
 *                    in the order given
 */
public record Event(String code, Instant timestamp, String description, Map<String, String> attributes) {

    public Event {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("event code must not be blank but was "
                    + (code == null ? "null" : '"' + code + '"'));
        }
        if (attributes == null || attributes.isEmpty()) {
            attributes = Map.of();
        } else {
            // LinkedHashMap rather than Map.copyOf: attribute order is what the meter sent, and
            // keeping it makes logs and JSON diffs readable.
            Map<String, String> copy = new LinkedHashMap<>();
            for (Map.Entry<String, String> entry : attributes.entrySet()) {
                if (entry.getKey() == null || entry.getValue() == null) {
                    throw new IllegalArgumentException("event " + code + " has a null attribute name or value: "
                            + entry.getKey() + "=" + entry.getValue());
                }
                copy.put(entry.getKey(), entry.getValue());
            }
            attributes = Collections.unmodifiableMap(copy);
        }
    }

    /** An event without description or attributes. */
    public static Event of(String code, Instant timestamp) {
        return new Event(code, timestamp, null, null);
    }
}
