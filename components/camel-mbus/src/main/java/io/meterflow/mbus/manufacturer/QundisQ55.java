package io.meterflow.mbus.manufacturer;

import static io.meterflow.mbus.manufacturer.Values.need;
import static io.meterflow.mbus.manufacturer.Values.u8;

import io.meterflow.mbus.codec.DataRecord;
import io.meterflow.mbus.codec.SecondaryAddress;
import io.meterflow.mbus.codec.ValueInformation;
import io.meterflow.mbus.codec.VifTable;
import io.meterflow.model.Reading;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Qundis Q heat 5.5, Q water 5.5 and Q caloric 5.5 (manufacturer QDS) and their radio converters: besides the
 * standard short telegram they send a long one whose values sit in one manufacturer record, DIF
 * 0x0D, VIF 0xFF, VIFE 0x5F, with 0x35 bytes of data:
 *
 * <pre>
 *  0..8   status and counters (not interpreted)
 *  9      an EN 13757-3 primary VIF giving unit and scale of all values below (e.g. 0x13 litres,
 *         0x06 kWh, 0x0D 0.1 MJ, 0x6E heat cost allocator units of the Q caloric 5.5)
 * 10..11  error date, type G (FF FF: none)
 * 12..15  current value, 8 BCD digits
 * 16..17  last year-end date, type G
 * 18..21  value at the year end, 8 BCD digits
 * 22..23  last month-end date, type G
 * 24..27  value at the month end, 8 BCD digits
 * 28..51  12 signed 16-bit consumptions of the months before, newest first; 0x8000 means "no value"
 * </pre>
 *
 * Source: the manufacturer publishes no description of this layout that was at hand; it was worked
 * out by comparing published sample telegrams with their decoded values, byte by byte, and uses the
 * EN 13757-3 codings (dates, VIFs) where the bytes follow them. Bytes marked "not interpreted" are
 * kept only in the raw telegram.
 */
final class QundisQ55 implements ManufacturerDecoder {

    private static final int LENGTH = 52;

    @Override
    public String name() {
        return "qundis_q55";
    }

    @Override
    public boolean appliesTo(SecondaryAddress a) {
        return "QDS".equals(a.manufacturer());
    }

    @Override
    public List<Reading> decode(SecondaryAddress address, byte[] b, int from, int to, List<DataRecord> records) {
        List<Reading> out = new ArrayList<>();
        for (DataRecord r : records) {
            if (r.dataField() != 0x0D || !"FF5F".equals(r.vifBytes())) {
                continue;
            }
            int p = r.dataOffset() + 1; // after the LVAR byte
            need(p, LENGTH, r.dataEnd(), "Q 5.5 history record");
            ValueInformation vif = VifTable.primary(u8(b, p + 9) & 0x7F);
            int code = u8(b, p + 9) & 0x7F;
            if (vif.kind() != ValueInformation.Kind.NUMBER || vif.unit() == Unit.NONE && code != 0x6E) {
                continue; // a unit this layout does not use: leave the bytes as the text event they are
            }
            // BCD with digits A-F (unset) gives -1 and no reading
            long current = Values.bcd(b, p + 12, 4);
            long yearEnd = Values.bcd(b, p + 18, 4);
            long monthEnd = Values.bcd(b, p + 24, 4);
            if (current >= 0) {
                add(out, "current", current, vif, null, "current value");
            }
            if (yearEnd >= 0) {
                add(out, "year_end", yearEnd, vif, Values.dateG(b, p + 16), "value at the last year end");
            }
            if (monthEnd >= 0) {
                add(out, "month_end", monthEnd, vif, Values.dateG(b, p + 22), "value at the last month end");
            }
            for (int i = 0; i < 12; i++) {
                int v = Values.int16(b, p + 28 + 2 * i);
                if (v != Short.MIN_VALUE) {
                    add(out, "month_consumption/" + (i + 1), v, vif, null,
                            "consumption " + (i + 1) + " month(s) before the last month end");
                }
            }
        }
        return out;
    }

    private void add(List<Reading> out, String quantity, long raw, ValueInformation vif, Instant at, String what) {
        BigDecimal v = BigDecimal.valueOf(raw).scaleByPowerOfTen(vif.exponent()).multiply(vif.factor());
        out.add(Values.reading(name(), quantity, v, vif.unit(), at, vif.description() + ", " + what));
    }
}
