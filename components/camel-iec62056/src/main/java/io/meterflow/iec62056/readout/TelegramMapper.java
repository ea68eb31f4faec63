package io.meterflow.iec62056.readout;

import io.meterflow.model.DeviceId;
import io.meterflow.model.Event;
import io.meterflow.model.Medium;
import io.meterflow.model.ObisCode;
import io.meterflow.model.Quality;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Interprets the data sets of a {@link Readout} as readings, events, meter time and identity.
 *
 * <ul>
 *   <li>A data set with one number becomes a reading of its OBIS code, in the canonical unit
 *       ({@code kWh} becomes {@code Wh} exactly). A time stamp next to the number
 *       ({@code 1-0:1.6.0(200509134558S)(02.589*kW)}, M-Bus values) becomes the reading's time.</li>
 *   <li>Profiles ({@code P.01} load profiles, the DSMR 2.2/3 gas profile 0-n:24.3.0) give one reading
 *       per cell, at start + row × period; DSMR billing lists 0-0:98.1.0 with column codes give one
 *       reading per entry, at the time the entry names.</li>
 *   <li>The power-failure log 1-0:99.97.0 gives {@code power_failure} events; a non-zero error
 *       register F.F gives a {@code meter_error} event and flags every reading; a DSMR text
 *       message gives a {@code text_message} event; each M-Bus channel (0-n:24.1.0, 0-n:96.1.x) gives
 *       an {@code mbus_device} event with its type and identifier.</li>
 *   <li>0-0:1.0.0, or 0.9.1 and 0.9.2 together, are the meter's time; 96.1.x / C.1.0 / 0.0.0 of
 *       channel 0 the serial; 42.0.0 the logical device name.</li>
 *   <li>What cannot be read safely (an unknown unit, several numbers without column codes) is
 *       reported as an {@code unmapped_data_set} event rather than guessed.</li>
 * </ul>
 */
public final class TelegramMapper {

    private final MappingOptions options;

    public TelegramMapper(MappingOptions options) {
        this.options = options;
    }

    public MappingOptions options() {
        return options;
    }

    public Telegram map(Readout readout, byte[] raw) {
        return new Run(readout).map(raw);
    }

    /** The state of mapping one readout. */
    private final class Run {
        final Readout readout;
        final List<Reading> readings = new ArrayList<>();
        final List<Event> events = new ArrayList<>();
        final Map<Integer, Map<String, String>> channels = new TreeMap<>();
        Instant meterTime;
        LocalDate date;
        LocalTime time;
        String serial;
        boolean serialFromEquipmentId;
        String logicalDeviceName;
        boolean meterError;

        Run(Readout readout) {
            this.readout = readout;
        }

        Telegram map(byte[] raw) {
            for (DataSet ds : readout.dataSets()) {
                ObisCode obis = ObisAddress.parse(ds.address(), options.medium().obisA(), options.channel());
                if (obis == null) {
                    single(ds, ds.address());
                } else {
                    dispatch(ds, obis);
                }
            }
            if (meterTime == null && date != null && time != null) {
                meterTime = date.atTime(time).atZone(options.zone()).toInstant();
            }
            for (Map.Entry<Integer, Map<String, String>> ch : channels.entrySet()) {
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("channel", String.valueOf(ch.getKey()));
                attributes.putAll(ch.getValue());
                events.add(new Event("mbus_device", null, "M-Bus device on channel " + ch.getKey(), attributes));
            }
            List<Reading> out = readings;
            if (meterError) {
                out = new ArrayList<>(readings.size());
                for (Reading r : readings) {
                    out.add(r.withQuality(Quality.METER_ERROR));
                }
            }
            return new Telegram(options.protocol(), device(), meterTime, out, events, raw);
        }

        private void dispatch(DataSet ds, ObisCode o) {
            int c = o.c();
            int d = o.d();
            int e = o.e();
            String first = ds.first().value();
            if ((c == 0 && d == 2 && e == 8) || (c == 96 && d == 1 && e == 4)) {
                return; // P1 / e-MUCS version: says how to read the telegram, not a value
            }
            if (c == 1 && d == 0 && e == 0 && o.b() == 0 && (o.a() == 0 || o.a() == options.medium().obisA())) {
                MeterTimes.Stamp stamp = MeterTimes.parse(first, options.zone());
                if (stamp != null) {
                    meterTime = stamp.instant();
                }
                return;
            }
            if (c == 0 && d == 9 && (e == 1 || e == 2) && ds.values().size() == 1) {
                if (e == 1) {
                    time = MeterTimes.time(first);
                } else {
                    date = MeterTimes.date(first);
                }
                return;
            }
            if ((c == 96 && d == 1) || (c == 0 && d == 0) || (c == 42 && d == 0 && e == 0)) {
                identity(o, first);
                return;
            }
            if (c == 24 && d == 1 && e == 0 && o.b() > 0) {
                Map<String, String> ch = channels.computeIfAbsent(o.b(), k -> new LinkedHashMap<>());
                ch.put("device_type", first);
                Medium medium = mbusMedium(first);
                if (medium != null) {
                    ch.put("medium", medium.code());
                }
                return;
            }
            if (c == 96 && d == 13) {
                if (!first.isEmpty()) {
                    events.add(new Event("text_message", null, hexText(first),
                            Map.of("register", o.toString(), "text", first)));
                }
                return;
            }
            if (c == 99 && d == 97) {
                powerFailures(ds, o);
                return;
            }
            if (c == 97 && d == 97) {
                if (!first.chars().allMatch(ch -> ch == '0')) {
                    meterError = true;
                    events.add(new Event("meter_error", null, "error register " + o.toShortString() + " = " + first,
                            Map.of("register", o.toString(), "status", first)));
                }
                return;
            }
            if ((c == 99 || (c == 24 && d == 3)) && profile(ds)) {
                return;
            }
            if (c == 98 && d == 1 && billingList(ds)) {
                return;
            }
            single(ds, o.toString());
        }

        private void identity(ObisCode o, String value) {
            if (value.isEmpty()) {
                return;
            }
            if (o.b() > 0 && o.c() == 96) {
                Map<String, String> ch = channels.computeIfAbsent(o.b(), k -> new LinkedHashMap<>());
                ch.put("equipment_id", value);
                String text = hexText(value);
                if (!text.equals(value)) {
                    ch.put("equipment_id_text", text);
                }
                return;
            }
            if (o.c() == 42) {
                logicalDeviceName = hexText(value);
            } else if (o.c() == 96) {
                // the equipment identifier names the meter; it wins over an IEC device address
                if (!serialFromEquipmentId) {
                    serial = hexText(value);
                    serialFromEquipmentId = true;
                }
            } else if (serial == null) {
                serial = hexText(value);
            }
        }

        /** One value, or a time stamp and a value: a reading. */
        private void single(DataSet ds, String register) {
            List<DataValue> values = ds.values();
            int chosen = -1;
            int numbers = 0;
            int withUnit = -1;
            int unitCount = 0;
            for (int i = 0; i < values.size(); i++) {
                DataValue v = values.get(i);
                if (v.isNumeric() && !MeterTimes.isFlagged(v.value())) {
                    numbers++;
                    chosen = i;
                    if (v.unit() != null) {
                        withUnit = i;
                        unitCount++;
                    }
                }
            }
            if (numbers == 0) {
                return; // text, empty or error values carry no reading
            }
            if (numbers > 1) {
                if (unitCount != 1) {
                    unmapped(ds, "holds " + numbers + " numbers and no column codes");
                    return;
                }
                chosen = withUnit;
            }
            MeterTimes.Stamp stamp = null;
            for (int i = 0; i < values.size(); i++) {
                if (i != chosen) {
                    MeterTimes.Stamp s = MeterTimes.parse(values.get(i).value(), options.zone());
                    if (s != null) {
                        stamp = s;
                    }
                }
            }
            DataValue v = values.get(chosen);
            add(ds, register, v.value(), v.unit(), stamp);
        }

        private void add(DataSet ds, String register, String value, String unitText, MeterTimes.Stamp stamp) {
            Unit.Conversion conversion;
            try {
                conversion = Unit.normalize(unitText == null ? "" : unitText);
            } catch (IllegalArgumentException e) {
                unmapped(ds, "has the unknown unit \"" + unitText + "\"");
                return;
            }
            BigDecimal number = new BigDecimal(value.startsWith("+") ? value.substring(1) : value);
            Set<Quality> quality = stamp != null && stamp.summer() ? EnumSet.of(Quality.DAYLIGHT_SAVING) : null;
            readings.add(new Reading(register, conversion.apply(number), conversion.unit(),
                    stamp == null ? null : stamp.instant(), quality, null));
        }

        /**
         * {@code P.01(start)(status)(period)(n)(reg1)(unit1)...(regn)(unitn)} followed by rows of n
         * values; the DSMR 2.2/3 gas profile has the same layout.
         */
        private boolean profile(DataSet ds) {
            List<DataValue> v = ds.values();
            if (v.size() < 4) {
                return false;
            }
            MeterTimes.Stamp start = MeterTimes.parse(v.get(0).value(), options.zone());
            Integer period = integer(v.get(2).value());
            Integer columns = integer(v.get(3).value());
            if (start == null || period == null || columns == null || v.size() < 4L + 2L * columns) {
                return false;
            }
            List<String> registers = new ArrayList<>();
            List<String> units = new ArrayList<>();
            for (int k = 0; k < columns; k++) {
                registers.add(register(v.get(4 + 2 * k).value()));
                units.add(v.get(5 + 2 * k).value());
            }
            int first = 4 + 2 * columns;
            if (columns == 0 || (v.size() - first) % columns != 0) {
                unmapped(ds, "is a profile whose values do not fill whole rows");
                return true;
            }
            for (int i = first; i < v.size(); i++) {
                int row = (i - first) / columns;
                int col = (i - first) % columns;
                DataValue cell = v.get(i);
                if (!cell.isNumeric()) {
                    continue; // a cell the meter could not fill
                }
                Instant at = start.instant().plus(Duration.ofMinutes((long) period * row));
                add(ds, registers.get(col), cell.value(), cell.unit() != null ? cell.unit() : units.get(col),
                        new MeterTimes.Stamp(at, start.summer()));
            }
            return true;
        }

        /**
         * {@code 0-0:98.1.0(n)(code1)...(codek)} then n entries of a period time stamp and k values,
         * as Fluvius writes its monthly maximum demand. A time-stamp column dates the value columns
         * after it; without one the period time stamp does.
         */
        private boolean billingList(DataSet ds) {
            List<DataValue> v = ds.values();
            Integer n = integer(v.get(0).value());
            if (n == null) {
                return false;
            }
            List<String> registers = new ArrayList<>();
            int i = 1;
            while (i < v.size() && v.get(i).value().contains(":")
                    && ObisAddress.parse(v.get(i).value(), 0, 0) != null) {
                registers.add(register(v.get(i).value()));
                i++;
            }
            int k = registers.size();
            if (k == 0 || v.size() != i + (long) n * (k + 1)) {
                return false;
            }
            for (int entry = 0; entry < n; entry++) {
                int at = i + entry * (k + 1);
                MeterTimes.Stamp stamp = MeterTimes.parse(v.get(at).value(), options.zone());
                for (int col = 0; col < k; col++) {
                    DataValue cell = v.get(at + 1 + col);
                    MeterTimes.Stamp cellTime = MeterTimes.parse(cell.value(), options.zone());
                    if (cellTime != null && cell.unit() == null) {
                        stamp = cellTime;
                    } else if (cell.isNumeric()) {
                        add(ds, registers.get(col), cell.value(), cell.unit(), stamp);
                    }
                }
            }
            return true;
        }

        /** {@code 1-0:99.97.0(n)(0-0:96.7.19)(end1)(duration1*s)...}: one event per failure. */
        private void powerFailures(DataSet ds, ObisCode o) {
            List<DataValue> v = ds.values();
            Integer n = integer(v.get(0).value());
            int first = v.size() > 1 && v.get(1).value().contains(":") ? 2 : 1;
            if (n == null || v.size() != first + 2L * n) {
                unmapped(ds, "is not a power-failure log of (count)(code)(end)(duration) entries");
                return;
            }
            for (int i = 0; i < n; i++) {
                DataValue end = v.get(first + 2 * i);
                DataValue duration = v.get(first + 2 * i + 1);
                MeterTimes.Stamp stamp = MeterTimes.parse(end.value(), options.zone());
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("register", o.toString());
                attributes.put("end", end.value());
                String seconds = duration.value();
                if (duration.isNumeric()) {
                    seconds = new BigDecimal(seconds).stripTrailingZeros().toPlainString();
                }
                attributes.put("duration_s", seconds);
                events.add(new Event("power_failure", stamp == null ? null : stamp.instant(),
                        "power failure of " + seconds + " s", attributes));
            }
        }

        private void unmapped(DataSet ds, String why) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("address", ds.address());
            attributes.put("offset", String.valueOf(ds.offset()));
            events.add(new Event("unmapped_data_set", null, "data set " + ds.address() + " " + why, attributes));
        }

        private String register(String address) {
            ObisCode o = ObisAddress.parse(address, options.medium().obisA(), options.channel());
            return o == null ? address : o.toString();
        }

        private DeviceId device() {
            Identification ident = readout.identification();
            if (ident == null && serial == null && logicalDeviceName == null) {
                return null;
            }
            return new DeviceId(options.protocol(), ident == null ? null : ident.manufacturer(), serial, null,
                    options.medium(), null, logicalDeviceName, ident == null ? null : ident.line());
        }
    }

    private static Integer integer(String s) {
        if (s.isEmpty() || s.length() > 9 || !Values.isDigits(s, 0, s.length())) {
            return null;
        }
        return Integer.parseInt(s);
    }

    /**
     * DSMR writes identifiers and text messages as the hex of their ASCII characters; this is the
     * text when the value is such hex and decodes to printable characters, else the value itself.
     * Values shorter than ten digits are left alone: a plain serial such as {@code 3535} would
     * otherwise be read as "55".
     */
    public static String hexText(String value) {
        int n = value.length();
        if (n < 10 || n % 2 != 0) {
            return value;
        }
        byte[] bytes = new byte[n / 2];
        for (int i = 0; i < n; i += 2) {
            int hi = Character.digit(value.charAt(i), 16);
            int lo = Character.digit(value.charAt(i + 1), 16);
            if (hi < 0 || lo < 0) {
                return value;
            }
            int b = hi << 4 | lo;
            if (b < 0x20 || b > 0x7E) {
                return value;
            }
            bytes[i / 2] = (byte) b;
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** The medium of an M-Bus device type (EN 13757-3 table 3) as DSMR writes it in 0-n:24.1.0. */
    public static Medium mbusMedium(String deviceType) {
        Integer type = integer(deviceType);
        if (type == null) {
            return null;
        }
        switch (type) {
            case 2: return Medium.ELECTRICITY;
            case 3: return Medium.GAS;
            case 4: case 12: return Medium.HEAT;
            case 6: return Medium.HOT_WATER;
            case 7: return Medium.WATER;
            case 8: return Medium.HEAT_COST_ALLOCATOR;
            case 10: case 11: return Medium.COOLING;
            default: return null;
        }
    }
}
