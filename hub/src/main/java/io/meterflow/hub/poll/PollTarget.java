package io.meterflow.hub.poll;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One meter as a poller needs it: where it is reached, how it is addressed and secured, and
 * what to read.
 *
 * @param host         host of the meter, gateway or converter (from the meter's endpoint {@code host:port})
 * @param addressing   protocol addressing of the meter (client/server address, primary address, ...)
 * @param keys         the meter's keys by kind, in clear
 * @param registers    OBIS codes (DLMS) or register keys to read; empty for all the meter sends
 * @param profileObis  the load profile to read (DLMS), or null
 * @param profileFrom  read the load profile from here (the last stored interval), or null for none
 */
public record PollTarget(long meterId, String host, int port, JsonNode addressing, ZoneId zone, Map<String, byte[]> keys,
                         List<String> registers, String profileObis, Instant profileFrom, boolean clockSync,
                         Duration maxDrift, Duration timeout) {

    public int intAddressing(String field, int dflt) {
        JsonNode n = addressing.get(field);
        return n == null || n.isNull() ? dflt : n.asInt(dflt);
    }

    public String textAddressing(String field, String dflt) {
        JsonNode n = addressing.get(field);
        return n == null || n.isNull() ? dflt : n.asText();
    }
}
