package io.meterflow.mbus.manufacturer;

import io.meterflow.mbus.codec.DataRecord;
import io.meterflow.mbus.codec.SecondaryAddress;
import io.meterflow.model.Reading;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Techem radio water meter modules MK Radio 3 and 4 (manufacturer TCH, device types 0x62 warm and
 * 0x72 cold water, versions 0x74 and 0x95). The application layer is manufacturer-specific (CI
 * 0xA0-0xA2); after the CI:
 *
 * <pre>
 *  0      not interpreted
 *  1..2   date of the last billing (not decoded)
 *  3..4   volume at the last billing date, unsigned, 0.1 m3
 *  5..6   current date (not decoded)
 *  7..8   volume since the last billing date, unsigned, 0.1 m3
 *  9..    not interpreted
 * </pre>
 *
 * The meter's total is the sum of the two.
 *
 * Source: the manufacturer publishes no description of this layout that was at hand; it was worked
 * out by comparing published sample telegrams with their decoded values, byte by byte, and uses the
 * EN 13757-3 codings (dates, VIFs) where the bytes follow them. Bytes marked "not interpreted" are
 * kept only in the raw telegram.
 */
final class TechemMkRadio implements ManufacturerDecoder {

    @Override
    public String name() {
        return "mkradio";
    }

    @Override
    public boolean appliesTo(SecondaryAddress a) {
        return "TCH".equals(a.manufacturer()) && (a.deviceType() == 0x62 || a.deviceType() == 0x72)
                && (a.version() == 0x74 || a.version() == 0x95);
    }

    @Override
    public Scope scope() {
        return Scope.APPLICATION_LAYER;
    }

    @Override
    public List<Reading> decode(SecondaryAddress address, byte[] b, int from, int to, List<DataRecord> records) {
        List<Reading> out = new ArrayList<>();
        int ci = from < to ? b[from] & 0xFF : 0;
        if (ci < 0xA0 || ci > 0xA2) {
            return out;
        }
        int p = from + 1;
        Values.need(p, 9, to, "MK Radio volume block");
        BigDecimal previous = BigDecimal.valueOf(Values.uint(b, p + 3, 2)).movePointLeft(1);
        BigDecimal current = BigDecimal.valueOf(Values.uint(b, p + 7, 2)).movePointLeft(1);
        out.add(Values.reading(name(), "volume_previous", previous, Unit.CUBIC_METRE, null, "Volume at the last billing date"));
        out.add(Values.reading(name(), "volume_current", current, Unit.CUBIC_METRE, null, "Volume since the last billing date"));
        out.add(Values.reading(name(), "volume_total", previous.add(current), Unit.CUBIC_METRE, null,
                "Total volume (last billing date plus since then)"));
        return out;
    }
}
