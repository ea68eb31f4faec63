package io.meterflow.mbus.manufacturer;

import io.meterflow.mbus.codec.DataRecord;
import io.meterflow.mbus.codec.SecondaryAddress;
import io.meterflow.model.Reading;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * B Meters Hydrodigit water meters (manufacturer BMT, water device types). After the standard
 * records comes manufacturer data (DIF 0x0F) whose first byte says which blocks follow, in this
 * order:
 *
 * <pre>
 *  bit 0  battery voltage, 1 byte (a code; not converted here)
 *  bit 1  fraud type and date, 4 bytes
 *  bit 3  a block whose length is not documented: decoding stops before it
 *  bit 7  leak date, 3 bytes (BCD year, month, day)
 *  bit 2  backflow volume, 4 bytes, unsigned, litres
 *  bit 4  monthly totals: 12 values of 3 bytes, unsigned, 0.01 m3, January first;
 *         FF FF FF means no value
 * </pre>
 *
 * Source: the manufacturer publishes no description of this layout that was at hand; it was worked
 * out by comparing published sample telegrams with their decoded values, byte by byte, and uses the
 * EN 13757-3 codings (dates, VIFs) where the bytes follow them. Bytes marked "not interpreted" are
 * kept only in the raw telegram.
 */
final class BmetersHydrodigit implements ManufacturerDecoder {

    @Override
    public String name() {
        return "hydrodigit";
    }

    @Override
    public boolean appliesTo(SecondaryAddress a) {
        int t = a.deviceType();
        return "BMT".equals(a.manufacturer()) && (t == 0x06 || t == 0x07 || t == 0x16);
    }

    @Override
    public List<Reading> decode(SecondaryAddress address, byte[] data, int from, int to, List<DataRecord> records) {
        List<Reading> out = new ArrayList<>();
        for (DataRecord r : records) {
            if (!r.isManufacturerData() || r.raw().length < 1) {
                continue;
            }
            byte[] b = r.raw();
            int contents = b[0] & 0xFF;
            int p = 1;
            if ((contents & 0x01) != 0) {
                p += 1;
            }
            if ((contents & 0x02) != 0) {
                p += 4;
            }
            if ((contents & 0x08) != 0) {
                return out; // block of unknown length: nothing after it can be placed
            }
            if ((contents & 0x80) != 0) {
                p += 3;
            }
            if ((contents & 0x04) != 0) {
                Values.need(p, 4, b.length, "Hydrodigit backflow volume");
                out.add(Values.reading(name(), "backflow", BigDecimal.valueOf(Values.uint(b, p, 4)).movePointLeft(3),
                        Unit.CUBIC_METRE, null, "Backflow volume"));
                p += 4;
            }
            if ((contents & 0x10) != 0) {
                Values.need(p, 36, b.length, "Hydrodigit monthly totals");
                for (int m = 1; m <= 12; m++, p += 3) {
                    long v = Values.uint(b, p, 3);
                    if (v != 0xFFFFFF) {
                        out.add(Values.reading(name(), String.format("month_total/%02d", m),
                                BigDecimal.valueOf(v).movePointLeft(2), Unit.CUBIC_METRE, null,
                                "Volume total of calendar month " + m));
                    }
                }
            }
        }
        return out;
    }
}
