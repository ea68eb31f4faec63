package io.meterflow.iec62056.readout;

import io.meterflow.model.Medium;
import java.time.ZoneId;

/**
 * How to read what a readout leaves implicit.
 *
 * @param protocol the protocol name put into the telegram and device id
 * @param medium   the meter's medium: value group A of reduced OBIS codes, and the device's medium
 * @param channel  value group B of reduced OBIS codes
 * @param zone     the meter's time zone, for times without an S/W flag and for the offsets of
 *                 flagged ones
 */
public record MappingOptions(String protocol, Medium medium, int channel, ZoneId zone) {

    /** Central European time: DSMR (NL), Fluvius (BE), E.ON (HU) and most European meters. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Amsterdam");

    public MappingOptions {
        if (protocol == null || protocol.isBlank()) {
            throw new IllegalArgumentException("protocol must not be blank");
        }
        medium = medium == null ? Medium.ELECTRICITY : medium;
        zone = zone == null ? DEFAULT_ZONE : zone;
        if (channel < 0 || channel > 255) {
            throw new IllegalArgumentException("channel must be 0..255 but was " + channel);
        }
    }

    public static MappingOptions of(String protocol) {
        return new MappingOptions(protocol, Medium.ELECTRICITY, 0, DEFAULT_ZONE);
    }

    public MappingOptions withZone(ZoneId newZone) {
        return new MappingOptions(protocol, medium, channel, newZone);
    }

    public MappingOptions withMedium(Medium newMedium) {
        return new MappingOptions(protocol, newMedium, channel, zone);
    }
}
