package io.meterflow.mbus.codec;

import io.meterflow.model.DeviceId;
import io.meterflow.model.Event;
import io.meterflow.model.Medium;
import io.meterflow.model.ObisCode;
import io.meterflow.model.Quality;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns decoded data records into the canonical {@link Telegram}: numbers become readings, time
 * points the meter's time (and the timestamp of the readings of the same storage number), text and
 * manufacturer data become events so that nothing the meter said is lost.
 *
 * <p>M-Bus time points are the meter's wall clock without a zone. They are written as if UTC; the
 * normalizer, which knows the meter's timezone, shifts them.
 */
public final class TelegramAssembler {

    private TelegramAssembler() {
    }

    public static Telegram assemble(String protocol, SecondaryAddress address, int status,
                                    List<DataRecord> records, List<Event> extraEvents, byte[] raw) {
        Medium medium = address == null ? null : address.medium();
        DeviceId device = address == null ? null : address.toDeviceId(protocol);
        Set<Quality> statusFlags = statusFlags(status);

        Instant meterTime = null;
        Set<Quality> meterTimeFlags = EnumSet.noneOf(Quality.class);
        Map<Long, Instant> storageTimes = new HashMap<>();
        List<Event> events = new ArrayList<>();
        for (DataRecord r : records) {
            if (r.time() != null && r.info().kind() == ValueInformation.Kind.TIME_POINT) {
                Instant t = r.time().toInstant(ZoneOffset.UTC);
                if (r.storage() == 0 && r.subunit() == 0 && meterTime == null && r.dataField() != 2
                        && primaryVif(r) == 0x6D) {
                    meterTime = t;
                    if (r.clockInvalid()) {
                        meterTimeFlags.add(Quality.CLOCK_INVALID);
                    }
                    if (r.summerTime()) {
                        meterTimeFlags.add(Quality.DAYLIGHT_SAVING);
                    }
                }
                if (r.storage() > 0 && (primaryVif(r) == 0x6C || primaryVif(r) == 0x6D)) {
                    storageTimes.putIfAbsent(r.storage(), t);
                }
            }
        }
        if (meterTime == null) {
            for (DataRecord r : records) {
                if (r.time() != null && r.storage() == 0 && primaryVif(r) == 0x6C) {
                    meterTime = r.time().toInstant(ZoneOffset.UTC);
                    break;
                }
            }
        }

        List<Reading> readings = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (DataRecord r : records) {
            if (r.isManufacturerData()) {
                Map<String, String> attrs = new LinkedHashMap<>();
                attrs.put("offset", Integer.toString(r.offset()));
                attrs.put("data", Hex.encode(r.raw()));
                events.add(new Event("manufacturer_data", null, "Manufacturer-specific data", attrs));
                continue;
            }
            String key = r.registerKey();
            if (r.number() == null) {
                Map<String, String> attrs = new LinkedHashMap<>();
                attrs.put("register", key);
                Instant when = null;
                if (r.time() != null) {
                    when = r.time().toInstant(ZoneOffset.UTC);
                    attrs.put("value", r.time().toString());
                    if (r.clockInvalid()) {
                        attrs.put("clock", "invalid");
                    }
                } else {
                    attrs.put("value", r.text() == null ? "" : r.text());
                }
                String code = r.time() != null ? "time_point" : "text";
                events.add(new Event(code, when, r.info().description(), attrs));
                continue;
            }
            Set<Quality> flags = statusFlags;
            if (r.function() == 3 || r.info().description().contains("record error")) {
                flags = EnumSet.of(Quality.METER_ERROR);
                flags.addAll(statusFlags);
            }
            Instant timestamp = r.storage() > 0 ? storageTimes.get(r.storage()) : null;
            String register = key;
            ObisCode obis = obis(medium, r);
            String obisText = obis == null ? null : obis.toString();
            if (obisText != null && !used.contains(obisText)) {
                register = obisText;
            }
            if (!used.add(register)) {
                // The same record twice in one telegram: number the repeats so both are kept.
                int n = 2;
                while (!used.add(key + "#" + n)) {
                    n++;
                }
                register = key + "#" + n;
            }
            String description = r.info().description().isEmpty() ? key : r.info().description();
            if (!register.equals(key)) {
                description = description + " (" + key + ")";
            }
            readings.add(new Reading(register, r.number(), r.info().unit(), timestamp, flags, description));
        }
        if (meterTime != null && !meterTimeFlags.isEmpty()) {
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("flags", meterTimeFlags.toString());
            events.add(new Event("clock_status", meterTime, "Flags of the meter's clock", attrs));
        }
        if ((status & 0x04) != 0) {
            events.add(new Event("low_battery", null, "Status byte: power low", Map.of("status", hex(status))));
        }
        if ((status & 0x18) != 0 || (status & 0x03) != 0) {
            events.add(new Event("meter_status", null, "Status byte reports an error or alarm",
                    Map.of("status", hex(status))));
        }
        events.addAll(extraEvents);
        return new Telegram(protocol, device, meterTime, readings, events, raw);
    }

    /**
     * Adds the readings a manufacturer-specific decoder found, with the status byte's quality flags;
     * a register already taken gets {@code #2}, {@code #3}.
     */
    public static Telegram withManufacturerReadings(Telegram t, List<Reading> extra, int status) {
        if (extra.isEmpty()) {
            return t;
        }
        Set<Quality> flags = statusFlags(status);
        List<Reading> readings = new ArrayList<>(t.readings());
        Set<String> used = new HashSet<>();
        readings.forEach(r -> used.add(r.register()));
        for (Reading r : extra) {
            String register = r.register();
            for (int n = 2; !used.add(register); n++) {
                register = r.register() + "#" + n;
            }
            Set<Quality> q = EnumSet.noneOf(Quality.class);
            q.addAll(r.quality());
            q.addAll(flags);
            readings.add(new Reading(register, r.value(), r.unit(), r.timestamp(), q, r.description()));
        }
        return new Telegram(t.protocol(), t.device(), t.meterTime(), readings, t.events(), t.raw());
    }

    /** The VIF without its extension bit, or -1 for a record without VIF. */
    private static int primaryVif(DataRecord r) {
        String v = r.vifBytes();
        return v.length() < 2 ? -1 : (Character.digit(v.charAt(0), 16) << 4 | Character.digit(v.charAt(1), 16)) & 0x7F;
    }

    /** The status byte of the transport header (EN 13757-3) as quality flags for every value. */
    static Set<Quality> statusFlags(int status) {
        Set<Quality> flags = EnumSet.noneOf(Quality.class);
        if ((status & 0x03) != 0) {
            flags.add(Quality.METER_ERROR);
        }
        if ((status & 0x04) != 0) {
            flags.add(Quality.LOW_BATTERY);
        }
        if ((status & 0x08) != 0) {
            flags.add(Quality.PERMANENT_ERROR);
        }
        if ((status & 0x10) != 0) {
            flags.add(Quality.TEMPORARY_ERROR);
        }
        return flags;
    }

    /**
     * The OBIS code for the main register of a medium, where EN 13757-1 / IEC 62056-61 give one:
     * current value (storage 0, instantaneous, subunit 0) without qualifying VIFEs.
     */
    static ObisCode obis(Medium medium, DataRecord r) {
        if (medium == null || r.storage() != 0 || r.function() != 0 || r.subunit() != 0) {
            return null;
        }
        String vif = r.vifBytes();
        if (vif.length() != 2 && !(vif.length() == 4 && vif.startsWith("FB"))) {
            return null; // qualified by VIFEs (limits, per-time, ...) or another table
        }
        Unit unit = r.info().unit();
        switch (medium) {
            case ELECTRICITY:
                if (unit == Unit.WATT_HOUR && r.tariff() <= 9) {
                    return ObisCode.of(1, 0, 1, 8, r.tariff(), 255);
                }
                if (unit == Unit.WATT && r.tariff() == 0 && r.info().description().equals("Power")) {
                    return ObisCode.of(1, 0, 1, 7, 0, 255);
                }
                return null;
            case GAS:
                return unit == Unit.CUBIC_METRE && r.tariff() == 0 ? ObisCode.of(7, 0, 3, 0, 0, 255) : null;
            case WATER:
                return unit == Unit.CUBIC_METRE && r.tariff() == 0 ? ObisCode.of(8, 0, 1, 0, 0, 255) : null;
            case HOT_WATER:
                return unit == Unit.CUBIC_METRE && r.tariff() == 0 ? ObisCode.of(9, 0, 1, 0, 0, 255) : null;
            default:
                return null;
        }
    }

    private static String hex(int b) {
        return String.format("%02X", b);
    }
}
