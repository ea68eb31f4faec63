package io.meterflow.mbus.manufacturer;

import io.meterflow.mbus.codec.DataRecord;
import io.meterflow.mbus.codec.SecondaryAddress;
import io.meterflow.model.Reading;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Techem FHKV data III heat cost allocators (manufacturer TCH, version 0x69, device type 0x80).
 * The application layer is manufacturer-specific (CI 0xA0); after the CI:
 *
 * <pre>
 *  0      not interpreted
 *  1..2   date of the last billing (not decoded)
 *  3..4   units at the last billing date, unsigned
 *  5..6   current date (not decoded)
 *  7..8   units since the last billing date, unsigned
 *  9..10  room temperature, unsigned, 0.01 degC
 * 11..12  radiator temperature, unsigned, 0.01 degC
 * </pre>
 *
 * Source: the manufacturer publishes no description of this layout that was at hand; it was worked
 * out by comparing published sample telegrams with their decoded values, byte by byte, and uses the
 * EN 13757-3 codings (dates, VIFs) where the bytes follow them. Bytes marked "not interpreted" are
 * kept only in the raw telegram.
 */
final class TechemFhkvDataIii implements ManufacturerDecoder {

    @Override
    public String name() {
        return "fhkvdataiii";
    }

    @Override
    public boolean appliesTo(SecondaryAddress a) {
        return "TCH".equals(a.manufacturer()) && a.deviceType() == 0x80 && a.version() == 0x69;
    }

    @Override
    public Scope scope() {
        return Scope.APPLICATION_LAYER;
    }

    @Override
    public List<Reading> decode(SecondaryAddress address, byte[] b, int from, int to, List<DataRecord> records) {
        List<Reading> out = new ArrayList<>();
        if (from >= to || (b[from] & 0xFF) != 0xA0) {
            return out;
        }
        int p = from + 1;
        Values.need(p, 13, to, "FHKV data III block");
        out.add(Values.reading(name(), "previous_units", BigDecimal.valueOf(Values.uint(b, p + 3, 2)), Unit.NONE, null,
                "Heat cost allocator units at the last billing date"));
        out.add(Values.reading(name(), "current_units", BigDecimal.valueOf(Values.uint(b, p + 7, 2)), Unit.NONE, null,
                "Heat cost allocator units since the last billing date"));
        out.add(Values.reading(name(), "room_temperature", BigDecimal.valueOf(Values.uint(b, p + 9, 2)).movePointLeft(2),
                Unit.DEGREE_CELSIUS, null, "Room temperature"));
        out.add(Values.reading(name(), "radiator_temperature", BigDecimal.valueOf(Values.uint(b, p + 11, 2)).movePointLeft(2),
                Unit.DEGREE_CELSIUS, null, "Radiator temperature"));
        return out;
    }
}
