package io.meterflow.hub.decode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Meter times without an offset. M-Bus date and time records (types F, G, I) carry none: decoders
 * give them as if they were UTC, and they are the meter's local time, read here in the meter's
 * time zone. DLMS (deviation) and DSMR P1 (S/W flag) times carry their offset and are left alone.
 */
public final class MeterClock {

    private static final Set<String> LOCAL_TIME_PROTOCOLS = Set.of("mbus", "wmbus");

    private MeterClock() {
    }

    /** The zone to read a protocol's times in, or null when they carry their own offset. */
    public static ZoneId zoneFor(String protocol, String meterTimezone) {
        if (!LOCAL_TIME_PROTOCOLS.contains(protocol) || meterTimezone == null) {
            return null;
        }
        ZoneId zone = ZoneId.of(meterTimezone);
        return zone.normalized().equals(ZoneOffset.UTC) ? null : zone;
    }

    /** {@code asIfUtc} read as a local time of {@code zone}; unchanged when zone is null. */
    public static Instant local(Instant asIfUtc, ZoneId zone) {
        if (asIfUtc == null || zone == null) {
            return asIfUtc;
        }
        return asIfUtc.atOffset(ZoneOffset.UTC).toLocalDateTime().atZone(zone).toInstant();
    }
}
