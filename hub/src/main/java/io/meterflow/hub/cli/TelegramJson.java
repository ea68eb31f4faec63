package io.meterflow.hub.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterflow.model.DeviceId;
import io.meterflow.model.Event;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;

/** The JSON form of a decoded telegram, as the {@code decode} command prints it (see {@code decode --help}). */
public final class TelegramJson {

    private TelegramJson() {
    }

    public static ObjectNode of(ObjectMapper json, Telegram t) {
        ObjectNode o = json.createObjectNode();
        o.put("protocol", t.protocol());
        o.set("device", device(json, t.device()));
        o.put("meterTime", t.meterTime() == null ? null : t.meterTime().toString());
        ArrayNode readings = o.putArray("readings");
        for (Reading r : t.readings()) {
            ObjectNode n = readings.addObject();
            n.put("register", r.register());
            n.put("value", r.value().toPlainString());
            n.put("unit", r.unit().symbol());
            n.put("timestamp", r.timestamp() == null ? null : r.timestamp().toString());
            n.put("description", r.description());
            if (!r.quality().isEmpty()) {
                ArrayNode q = n.putArray("quality");
                r.quality().forEach(f -> q.add(f.name()));
            }
        }
        ArrayNode events = o.putArray("events");
        for (Event e : t.events()) {
            ObjectNode n = events.addObject();
            n.put("code", e.code());
            n.put("timestamp", e.timestamp() == null ? null : e.timestamp().toString());
            n.put("description", e.description());
            ObjectNode a = n.putObject("attributes");
            e.attributes().forEach(a::put);
        }
        return o;
    }

    private static ObjectNode device(ObjectMapper json, DeviceId d) {
        if (d == null) {
            return null;
        }
        ObjectNode o = json.createObjectNode();
        o.put("key", d.key());
        o.put("protocol", d.protocol());
        putIf(o, "manufacturer", d.manufacturer());
        putIf(o, "serial", d.serial());
        if (d.version() != null) {
            o.put("version", d.version());
        }
        putIf(o, "medium", d.medium() == null ? null : d.medium().code());
        putIf(o, "systemTitle", d.systemTitle());
        putIf(o, "logicalDeviceName", d.logicalDeviceName());
        putIf(o, "identification", d.identification());
        return o;
    }

    private static void putIf(ObjectNode o, String k, String v) {
        if (v != null) {
            o.put(k, v);
        }
    }
}
