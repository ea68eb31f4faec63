package io.meterflow.mbus.manufacturer;

import io.meterflow.mbus.codec.DataRecord;
import io.meterflow.mbus.codec.SecondaryAddress;
import io.meterflow.mbus.codec.TelegramAssembler;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Event;
import io.meterflow.model.KeyRequiredException;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of manufacturer-specific decoders, looked up by the meter's address. */
public final class ManufacturerDecoders {

    private static final List<ManufacturerDecoder> ALL = List.of(
            new Bfw240Radio(),
            new QundisQ55(),
            new ImeElectricityMeter(),
            new SchneiderIem3000(),
            new BmetersHydrodigit(),
            new Apator162(),
            new ApatorEItn(),
            new TechemHeatMeter(),
            new TechemFhkvDataIii(),
            new TechemMkRadio(),
            new HydroclimaV2(),
            new ApatorNa1(),
            new DiehlIzar());

    private ManufacturerDecoders() {
    }

    /** The decoder for this meter, or null if its manufacturer data has no known layout. */
    public static ManufacturerDecoder find(SecondaryAddress address) {
        if (address == null) {
            return null;
        }
        for (ManufacturerDecoder d : ALL) {
            if (d.appliesTo(address)) {
                return d;
            }
        }
        return null;
    }

    public static List<ManufacturerDecoder> all() {
        return ALL;
    }

    /**
     * Adds what the meter's manufacturer decoder (if any, and if it reads at {@code scope}) finds to
     * a telegram already assembled from the standard records. Manufacturer data that does not fit the known layout (too short, for
     * instance) does not cost the standard readings: it becomes a {@code manufacturer_decode_stopped}
     * event with the reason and byte offset. A missing or wrong key is still thrown, as for any
     * encrypted telegram.
     */
    public static Telegram apply(Telegram t, ManufacturerDecoder.Scope scope, SecondaryAddress address, byte[] data,
                                 int from, int to, List<DataRecord> records, byte[] key, int status) {
        ManufacturerDecoder d = find(address);
        if (d == null || d.scope() != scope) {
            return t;
        }
        List<Reading> extra;
        try {
            extra = d.decode(address, data, from, to, records, key);
        } catch (KeyRequiredException e) {
            throw e;
        } catch (DecodeException e) {
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("decoder", d.name());
            attrs.put("reason", e.reason());
            if (e.offset() != null) {
                attrs.put("offset", Integer.toString(e.offset()));
            }
            List<Event> events = new ArrayList<>(t.events());
            events.add(new Event("manufacturer_decode_stopped", null,
                    "Manufacturer data does not fit the known layout", attrs));
            return new Telegram(t.protocol(), t.device(), t.meterTime(), t.readings(), events, t.raw());
        }
        return TelegramAssembler.withManufacturerReadings(t, extra, status);
    }
}
