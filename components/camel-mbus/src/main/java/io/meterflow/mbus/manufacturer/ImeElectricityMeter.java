package io.meterflow.mbus.manufacturer;

import io.meterflow.mbus.codec.DataRecord;
import io.meterflow.mbus.codec.SecondaryAddress;
import io.meterflow.model.Reading;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * IME (Italian Meters) electricity meters with M-Bus (Conto D4 and similar, manufacturer IME,
 * device type 0x02). Their measurements come in records with the manufacturer VIF 0xFF whose
 * VIFEs are:
 *
 * <pre>
 *   FF  Q  S  [D]
 *   Q  quantity: 0x80 active energy, 0x81 reactive energy, 0x84 active power, 0x85 reactive power,
 *      0x86 apparent power, 0x87 phase-to-neutral voltage, 0x88 phase-to-phase voltage,
 *      0x89 current, 0x8A frequency
 *   S  the power of ten, coded as in EN 13757-3: energy as the primary VIF 0x00-0x07
 *      (10^(n-3) Wh), power as 0x28-0x2F (10^(n-3) W), voltage and frequency as VIFE 0x40-0x4F of
 *      the 0xFD table (10^(n-9)), current as 0x50-0x5F (10^(n-12) A)
 *   D  direction of energy, the EN 13757-3 combinable VIFEs 0x3B (import) and 0x3C (export)
 * </pre>
 *
 * The phase or the tariff (total, L1-L3, tariff 1-2, partial counter) is told by the record's
 * tariff field, which the register key keeps ({@code mfr/ime/<quantity>/t<tariff>}).
 *
 * Source: the manufacturer publishes no description of this layout that was at hand; it was worked
 * out by comparing published sample telegrams with their decoded values, byte by byte, and uses the
 * EN 13757-3 codings (dates, VIFs) where the bytes follow them. Bytes marked "not interpreted" are
 * kept only in the raw telegram.
 */
final class ImeElectricityMeter implements ManufacturerDecoder {

    @Override
    public String name() {
        return "ime";
    }

    @Override
    public boolean appliesTo(SecondaryAddress a) {
        return "IME".equals(a.manufacturer()) && a.deviceType() == 0x02;
    }

    @Override
    public List<Reading> decode(SecondaryAddress address, byte[] b, int from, int to, List<DataRecord> records) {
        List<Reading> out = new ArrayList<>();
        for (DataRecord r : records) {
            String v = r.vifBytes();
            if (!v.startsWith("FF") || v.length() < 6 || r.storage() != 0) {
                continue;
            }
            int q = Integer.parseInt(v.substring(2, 4), 16) & 0x7F;
            int s = Integer.parseInt(v.substring(4, 6), 16) & 0x7F;
            Long raw = Raw.integer(b, r);
            if (raw == null) {
                continue;
            }
            String quantity;
            Unit unit;
            int exponent;
            switch (q) {
                case 0x00, 0x01 -> {
                    if (s > 0x07) {
                        continue;
                    }
                    quantity = q == 0 ? "active_energy" : "reactive_energy";
                    unit = q == 0 ? Unit.WATT_HOUR : Unit.VAR_HOUR;
                    exponent = (s & 0x07) - 3;
                }
                case 0x04, 0x05, 0x06 -> {
                    if ((s & 0x78) != 0x28) {
                        continue;
                    }
                    quantity = q == 4 ? "active_power" : q == 5 ? "reactive_power" : "apparent_power";
                    unit = q == 4 ? Unit.WATT : q == 5 ? Unit.VAR : Unit.VOLT_AMPERE;
                    exponent = (s & 0x07) - 3;
                }
                case 0x07, 0x08, 0x0A -> {
                    if ((s & 0x70) != 0x40) {
                        continue;
                    }
                    quantity = q == 7 ? "voltage_ln" : q == 8 ? "voltage_ll" : "frequency";
                    unit = q == 0x0A ? Unit.HERTZ : Unit.VOLT;
                    exponent = (s & 0x0F) - 9;
                }
                case 0x09 -> {
                    if ((s & 0x70) != 0x50) {
                        continue;
                    }
                    quantity = "current";
                    unit = Unit.AMPERE;
                    exponent = (s & 0x0F) - 12;
                }
                default -> {
                    continue;
                }
            }
            if (v.length() >= 8) {
                int d = Integer.parseInt(v.substring(6, 8), 16) & 0x7F;
                quantity += d == 0x3B ? "_import" : d == 0x3C ? "_export" : "";
            }
            out.add(Values.reading(name(), quantity + "/t" + r.tariff(),
                    BigDecimal.valueOf(raw).scaleByPowerOfTen(exponent), unit, null,
                    quantity.replace('_', ' ') + ", tariff field " + r.tariff()));
        }
        return out;
    }
}
