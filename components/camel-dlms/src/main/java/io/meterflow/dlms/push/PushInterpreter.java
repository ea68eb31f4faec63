package io.meterflow.dlms.push;

import io.meterflow.dlms.apdu.DataNotification;
import io.meterflow.dlms.axdr.CosemDateTime;
import io.meterflow.dlms.axdr.DataType;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.axdr.ScalerUnit;
import io.meterflow.model.DecodeException;
import io.meterflow.model.DeviceId;
import io.meterflow.model.ObisCode;
import io.meterflow.model.Quality;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the body of a data-notification into values and a telegram. Three body shapes are
 * recognised, in this order:
 * <ol>
 *   <li>capture-object pushes (Blue Book push setup, L+G, Iskra): a structure whose first element
 *       is the push object list, an array of {class-id, logical name, attribute, data index},
 *       followed by one value per captured object;</li>
 *   <li>lists of structures {logical name, value[, scaler_unit]} (Aidon);</li>
 *   <li>flat structures where a logical name precedes each value (Kaifa, Kamstrup), or values
 *       only, named by a {@link PushLayout}.</li>
 * </ol>
 */
public final class PushInterpreter {

    static final ObisCode CLOCK = ObisCode.of(0, 0, 1, 0, 0, 255);
    static final ObisCode LOGICAL_DEVICE_NAME = ObisCode.of(0, 0, 42, 0, 0, 255);
    static final ObisCode METER_ID = ObisCode.of(0, 0, 96, 1, 0, 255);
    static final ObisCode METER_ID_KAMSTRUP = ObisCode.of(1, 1, 0, 0, 5, 255);
    static final ObisCode METER_TYPE = ObisCode.of(0, 0, 96, 1, 7, 255);
    static final ObisCode METER_TYPE_KAMSTRUP = ObisCode.of(1, 1, 96, 1, 1, 255);

    private final PushLayouts layouts;
    private final ZoneId zone;

    /**
     * @param layouts layouts for pushes that do not describe themselves
     * @param zone    the meter's zone, for times sent without deviation
     */
    public PushInterpreter(PushLayouts layouts, ZoneId zone) {
        this.layouts = layouts;
        this.zone = zone;
    }

    private record Entry(int position, ObisCode obis, int classId, int attribute, DlmsData value, ScalerUnit su) {
    }

    public PushMessage interpret(UnwrappedApdu unwrapped, DataNotification n, byte[] raw, PushLayout forced) {
        DlmsData body = n.body();
        List<Entry> entries = entries(body);
        boolean hasObis = entries.stream().anyMatch(e -> e.obis() != null);
        String listId = listId(entries);
        int elements = body.isList() ? body.items().size() : 0;
        String deviceName = deviceName(entries);
        PushLayout layout = forced != null ? forced : layouts.find(listId, elements, hasObis, deviceName);

        List<PushValue> values = new ArrayList<>(entries.size());
        CosemDateTime clock = null;
        String serial = null;
        String ldn = null;
        for (Entry e : entries) {
            PushValue v = value(e, layout);
            values.add(v);
            switch (v.role()) {
                case SERIAL -> serial = serial == null ? v.text() : serial;
                case LOGICAL_DEVICE_NAME -> ldn = ldn == null ? v.text() : ldn;
                case CLOCK -> {
                    // the captured clock is the time the values belong to; the header is when it was sent
                    if (clock == null) {
                        clock = timeOf(v.raw());
                    }
                }
                default -> { }
            }
        }
        if (clock == null && n.hasTime()) {
            clock = n.dateTime();
        }
        Instant meterTime = null;
        Set<Quality> quality = EnumSet.noneOf(Quality.class);
        if (clock != null && clock.isComplete()) {
            try {
                meterTime = clock.toInstant(zone);
            } catch (DateTimeException ex) {
                throw new DecodeException("meter time " + clock + " is not a valid date-time");
            }
            if (clock.clockInvalid()) {
                quality.add(Quality.CLOCK_INVALID);
            }
        }
        List<Reading> readings = new ArrayList<>();
        for (PushValue v : values) {
            if (v.role() == PushLayout.Role.VALUE && v.obis() != null && v.value() != null) {
                readings.add(new Reading(v.obis().toString(), v.value(), v.unit(), null, quality, null));
            }
        }
        String systemTitle = unwrapped.systemTitleHex();
        String manufacturer = layout == null || layout.manufacturer() == null || layout.manufacturer().length() != 3
                ? null : layout.manufacturer();
        DeviceId device = systemTitle == null && serial == null && ldn == null ? null
                : new DeviceId("dlms", manufacturer, serial, null, null, systemTitle, ldn, null);
        Telegram telegram = new Telegram("dlms", device, meterTime, readings, List.of(), raw);
        return new PushMessage(unwrapped, n.longInvokeIdAndPriority(), n.dateTime(), body, layout, values, telegram);
    }

    private PushValue value(Entry e, PushLayout layout) {
        ObisCode obis = e.obis();
        PushLayout.Role role = null;
        Unit unit = null;
        int scaler = 0;
        ScalerUnit su = e.su();
        if (obis == null && layout != null && layout.positional()) {
            PushLayout.Position p = layout.position(e.position());
            if (p != null) {
                obis = p.obis();
                role = p.role();
                unit = p.unit();
                scaler = p.scaler();
            }
        } else if (obis != null && layout != null && su == null) {
            PushLayout.Register r = layout.registers().get(obis);
            if (r != null) {
                unit = r.unit();
                scaler = r.scaler();
            }
        }
        DlmsData raw = e.value();
        if (role == null) {
            role = roleOf(obis, raw, e.attribute());
        }
        if (role == PushLayout.Role.CLOCK || !raw.isNumeric() || role != PushLayout.Role.VALUE) {
            return new PushValue(e.position(), obis, e.classId(), e.attribute(), raw, su, null, null, role);
        }
        BigDecimal value;
        if (su != null) {
            value = su.apply(raw.decimal());
            unit = su.canonicalUnit();
        } else {
            value = raw.decimal().scaleByPowerOfTen(scaler);
            if (unit == null) {
                unit = obis == null ? Unit.NONE : ObisUnits.implied(obis);
            }
        }
        return new PushValue(e.position(), obis, e.classId(), e.attribute(), raw, su, value, unit, role);
    }

    private static PushLayout.Role roleOf(ObisCode obis, DlmsData raw, int attribute) {
        if (obis == null) {
            if (raw.looksLikeDateTime() || raw.type() == DataType.DATE_TIME) {
                return PushLayout.Role.CLOCK;
            }
            return raw.isText() ? PushLayout.Role.LIST_ID : PushLayout.Role.IGNORE;
        }
        if (obis.a() == 0 && obis.c() == 1 && obis.d() == 0 && obis.e() == 0 && timeOf(raw) != null) {
            return PushLayout.Role.CLOCK;
        }
        if (obis.equals(LOGICAL_DEVICE_NAME) && raw.isText()) {
            return PushLayout.Role.LOGICAL_DEVICE_NAME;
        }
        if ((obis.equals(METER_ID) || obis.equals(METER_ID_KAMSTRUP)) && raw.isText()) {
            return PushLayout.Role.SERIAL;
        }
        if ((obis.equals(METER_TYPE) || obis.equals(METER_TYPE_KAMSTRUP)) && raw.isText()) {
            return PushLayout.Role.METER_TYPE;
        }
        if (obis.c() == 0 && obis.d() == 2 && obis.e() == 129 && raw.isText()) {
            return PushLayout.Role.LIST_ID;
        }
        if (attribute > 2) {
            return PushLayout.Role.IGNORE;
        }
        return PushLayout.Role.VALUE;
    }

    private static CosemDateTime timeOf(DlmsData d) {
        if (d.type() == DataType.DATE_TIME) {
            return (CosemDateTime) d.value();
        }
        if (d.looksLikeDateTime()) {
            return CosemDateTime.decode(d.bytes(), 0, 0);
        }
        return null;
    }

    private static String deviceName(List<Entry> entries) {
        for (Entry e : entries) {
            if (LOGICAL_DEVICE_NAME.equals(e.obis()) && e.value().isText()) {
                return e.value().text();
            }
        }
        return null;
    }

    private static String listId(List<Entry> entries) {
        for (Entry e : entries) {
            if (e.obis() == null && e.value().isText()) {
                return e.value().text();
            }
            if (e.obis() != null && e.obis().c() == 0 && e.obis().d() == 2 && e.obis().e() == 129 && e.value().isText()) {
                return e.value().text();
            }
        }
        return null;
    }

    private static List<Entry> entries(DlmsData body) {
        if (!body.isList()) {
            return List.of(new Entry(0, null, -1, -1, body, null));
        }
        List<DlmsData> items = body.items();
        List<Entry> captured = capturedObjects(items);
        if (captured != null) {
            return captured;
        }
        if (!items.isEmpty() && items.stream().allMatch(PushInterpreter::isObisTuple)) {
            List<Entry> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                List<DlmsData> t = items.get(i).items();
                ScalerUnit su = t.size() == 3 && ScalerUnit.matches(t.get(2)) ? ScalerUnit.of(t.get(2)) : null;
                out.add(new Entry(i, t.get(0).obis(), -1, -1, t.get(1), su));
            }
            return out;
        }
        List<Entry> out = new ArrayList<>(items.size());
        int i = 0;
        while (i < items.size()) {
            DlmsData item = items.get(i);
            if (item.looksLikeObis() && i + 1 < items.size() && !items.get(i + 1).looksLikeObis()) {
                ScalerUnit su = null;
                int next = i + 2;
                if (next < items.size() && ScalerUnit.matches(items.get(next))) {
                    su = ScalerUnit.of(items.get(next));
                    next++;
                }
                out.add(new Entry(i + 1, item.obis(), -1, -1, items.get(i + 1), su));
                i = next;
            } else {
                out.add(new Entry(i, null, -1, -1, item, null));
                i++;
            }
        }
        return out;
    }

    private static boolean isObisTuple(DlmsData d) {
        if (d.type() != DataType.STRUCTURE) {
            return false;
        }
        List<DlmsData> t = d.items();
        return (t.size() == 2 || t.size() == 3) && t.get(0).looksLikeObis();
    }

    /** Values by their capture object definitions, or null when the body is not of that shape. */
    private static List<Entry> capturedObjects(List<DlmsData> items) {
        if (items.isEmpty() || items.get(0).type() != DataType.ARRAY) {
            return null;
        }
        List<DlmsData> defs = items.get(0).items();
        if (defs.size() != items.size()) {
            return null;
        }
        for (DlmsData def : defs) {
            if (def.type() != DataType.STRUCTURE || def.items().size() != 4 || !def.items().get(1).looksLikeObis()
                    || !def.items().get(0).isNumeric() || !def.items().get(2).isNumeric()) {
                return null;
            }
        }
        Map<ObisCode, ScalerUnit> scalers = new HashMap<>();
        for (int i = 1; i < items.size(); i++) {
            List<DlmsData> def = defs.get(i).items();
            if (def.get(2).longValue() == 3 && ScalerUnit.matches(items.get(i))) {
                scalers.put(def.get(1).obis(), ScalerUnit.of(items.get(i)));
            }
        }
        List<Entry> out = new ArrayList<>(items.size() - 1);
        for (int i = 1; i < items.size(); i++) {
            List<DlmsData> def = defs.get(i).items();
            ObisCode obis = def.get(1).obis();
            int attribute = (int) def.get(2).longValue();
            ScalerUnit su = attribute == 2 ? scalers.get(obis) : null;
            out.add(new Entry(i, obis, (int) def.get(0).longValue(), attribute, items.get(i), su));
        }
        return out;
    }
}
