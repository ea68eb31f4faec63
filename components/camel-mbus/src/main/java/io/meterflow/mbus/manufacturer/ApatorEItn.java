package io.meterflow.mbus.manufacturer;

import io.meterflow.mbus.codec.DataRecord;
import io.meterflow.mbus.codec.SecondaryAddress;
import io.meterflow.model.Reading;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Apator E-ITN 30 heat cost allocators (manufacturers APA and APT, version 0x04, device type 0x08).
 * The application layer is manufacturer-specific: CI 0xA0 directly, or CI 0xB6 with a length byte
 * and that many bytes before the 0xA0 block. The 0xA0 block is 16 bytes:
 *
 * <pre>
 *  0..3   A0, then 3 bytes not interpreted (status)
 *  4..5   units at the end of the previous season, unsigned
 *  6..7   season start date (not decoded)
 *  8..9   units of the current season, unsigned
 * 10..11  date of the telegram (not decoded)
 * 12..13  average room temperature of the previous period, signed, 1/256 degC
 * 14..15  average room temperature of the current period, signed, 1/256 degC
 * </pre>
 *
 * Source: the manufacturer publishes no description of this layout that was at hand; it was worked
 * out by comparing published sample telegrams with their decoded values, byte by byte, and uses the
 * EN 13757-3 codings (dates, VIFs) where the bytes follow them. Bytes marked "not interpreted" are
 * kept only in the raw telegram.
 */
final class ApatorEItn implements ManufacturerDecoder {

    @Override
    public String name() {
        return "apatoreitn";
    }

    @Override
    public boolean appliesTo(SecondaryAddress a) {
        return ("APA".equals(a.manufacturer()) || "APT".equals(a.manufacturer()))
                && a.version() == 0x04 && a.deviceType() == 0x08;
    }

    @Override
    public Scope scope() {
        return Scope.APPLICATION_LAYER;
    }

    @Override
    public List<Reading> decode(SecondaryAddress address, byte[] b, int from, int to, List<DataRecord> records) {
        List<Reading> out = new ArrayList<>();
        int p = from;
        if (p < to && (b[p] & 0xFF) == 0xB6) {
            Values.need(p, 2, to, "E-ITN CI 0xB6 header");
            p += 2 + (b[p + 1] & 0xFF);
        }
        if (p >= to || (b[p] & 0xFF) != 0xA0) {
            return out;
        }
        Values.need(p, 16, to, "E-ITN data block");
        out.add(Values.reading(name(), "previous_units", BigDecimal.valueOf(Values.uint(b, p + 4, 2)), Unit.NONE, null,
                "Heat cost allocator units of the previous season"));
        out.add(Values.reading(name(), "current_units", BigDecimal.valueOf(Values.uint(b, p + 8, 2)), Unit.NONE, null,
                "Heat cost allocator units of the current season"));
        out.add(Values.reading(name(), "room_temperature_previous_average",
                BigDecimal.valueOf(Values.int16(b, p + 12)).divide(BigDecimal.valueOf(256)), Unit.DEGREE_CELSIUS, null,
                "Average room temperature, previous period"));
        out.add(Values.reading(name(), "room_temperature_average",
                BigDecimal.valueOf(Values.int16(b, p + 14)).divide(BigDecimal.valueOf(256)), Unit.DEGREE_CELSIUS, null,
                "Average room temperature, current period"));
        return out;
    }
}
