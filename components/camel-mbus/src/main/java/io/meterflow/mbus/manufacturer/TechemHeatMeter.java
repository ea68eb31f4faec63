package io.meterflow.mbus.manufacturer;

import io.meterflow.mbus.codec.DataRecord;
import io.meterflow.mbus.codec.SecondaryAddress;
import io.meterflow.model.Reading;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Techem heat meters with a manufacturer-specific application layer (CI 0xA0-0xA2): Compact V
 * (manufacturer TCH, device type 0x43, versions 0x39 and 0x45; energies in kWh) and Vario 4
 * (device type 0xC3, version 0x27; energies in MJ). After the CI:
 *
 * <pre>
 *  0      not interpreted
 *  1..2   date of the last billing (not decoded)
 *  3..5   energy at the last billing date, unsigned, kWh or MJ
 *  6      not interpreted
 *  7..9   energy since the last billing date, unsigned, kWh or MJ
 * </pre>
 *
 * The meter's total is the sum of the two.
 *
 * Source: the manufacturer publishes no description of this layout that was at hand; it was worked
 * out by comparing published sample telegrams with their decoded values, byte by byte, and uses the
 * EN 13757-3 codings (dates, VIFs) where the bytes follow them. Bytes marked "not interpreted" are
 * kept only in the raw telegram.
 */
final class TechemHeatMeter implements ManufacturerDecoder {

    @Override
    public String name() {
        return "techem_heat";
    }

    @Override
    public boolean appliesTo(SecondaryAddress a) {
        return "TCH".equals(a.manufacturer()) && (a.deviceType() == 0x43 && (a.version() == 0x39 || a.version() == 0x45)
                || a.deviceType() == 0xC3 && a.version() == 0x27);
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
        Values.need(p, 10, to, "Techem heat meter energy block");
        boolean megajoule = address.deviceType() == 0xC3;
        Unit unit = megajoule ? Unit.JOULE : Unit.WATT_HOUR;
        int exponent = megajoule ? 6 : 3;
        BigDecimal previous = BigDecimal.valueOf(Values.uint(b, p + 3, 3)).scaleByPowerOfTen(exponent);
        BigDecimal current = BigDecimal.valueOf(Values.uint(b, p + 7, 3)).scaleByPowerOfTen(exponent);
        out.add(Values.reading(name(), "energy_previous", previous, unit, null, "Energy at the last billing date"));
        out.add(Values.reading(name(), "energy_current", current, unit, null, "Energy since the last billing date"));
        out.add(Values.reading(name(), "energy_total", previous.add(current), unit, null,
                "Total energy (last billing date plus since then)"));
        return out;
    }
}
