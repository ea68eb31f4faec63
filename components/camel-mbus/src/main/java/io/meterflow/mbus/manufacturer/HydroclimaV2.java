package io.meterflow.mbus.manufacturer;

import io.meterflow.mbus.codec.DataRecord;
import io.meterflow.mbus.codec.SecondaryAddress;
import io.meterflow.model.Reading;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Hydroclima heat cost allocators, second generation (manufacturer BMP, version 0x85, device type
 * 0x08). After the standard records comes manufacturer data (DIF 0x0F); when its first byte is 0x11
 * it holds temperatures as signed 16-bit values in 0.01 degC (0x8000: no value):
 *
 * <pre>
 *  0        0x11 (the only block format this layout was seen with)
 *  1..8     not interpreted
 *  9..10    average radiator temperature
 * 11..12    average room temperature
 * 13..14    highest room temperature
 * 15..16    not interpreted
 * 17..18    average radiator temperature, last month
 * 19..20    average room temperature, last month
 * 21..28    not interpreted
 * 29..34    room temperature at set dates 1, 2, 3
 * </pre>
 *
 * Source: the manufacturer publishes no description of this layout that was at hand; it was worked
 * out by comparing published sample telegrams with their decoded values, byte by byte, and uses the
 * EN 13757-3 codings (dates, VIFs) where the bytes follow them. Bytes marked "not interpreted" are
 * kept only in the raw telegram.
 */
final class HydroclimaV2 implements ManufacturerDecoder {

    private static final int[] OFFSETS = {9, 11, 13, 17, 19, 29, 31, 33};
    private static final String[] NAMES = {"radiator_temperature_average", "room_temperature_average",
        "room_temperature_max", "radiator_temperature_average_last_month", "room_temperature_average_last_month",
        "room_temperature_set_date/1", "room_temperature_set_date/2", "room_temperature_set_date/3"};

    @Override
    public String name() {
        return "hydroclimav2";
    }

    @Override
    public boolean appliesTo(SecondaryAddress a) {
        return "BMP".equals(a.manufacturer()) && a.version() == 0x85 && a.deviceType() == 0x08;
    }

    @Override
    public List<Reading> decode(SecondaryAddress address, byte[] data, int from, int to, List<DataRecord> records) {
        List<Reading> out = new ArrayList<>();
        for (DataRecord r : records) {
            byte[] b = r.raw();
            if (b == null || b.length < 35 || (b[0] & 0xFF) != 0x11) {
                continue;
            }
            for (int i = 0; i < OFFSETS.length; i++) {
                int v = Values.int16(b, OFFSETS[i]);
                if (v != Short.MIN_VALUE) {
                    out.add(Values.reading(name(), NAMES[i], BigDecimal.valueOf(v).movePointLeft(2),
                            Unit.DEGREE_CELSIUS, null, NAMES[i].replace('_', ' ').replace('/', ' ')));
                }
            }
        }
        return out;
    }
}
