package io.meterflow.mbus.manufacturer;

import io.meterflow.mbus.codec.DataRecord;
import io.meterflow.mbus.codec.SecondaryAddress;
import io.meterflow.model.Reading;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Apator AT-WMBUS-16-2 water meter module (manufacturer APA, version 0x05, water). Its values are
 * manufacturer data (DIF 0x0F): 3 bytes of header, then registers, each a tag byte followed by a
 * length the tag's upper nibble implies:
 *
 * <pre>
 *  0x10       4 bytes: total volume, unsigned, litres
 *  0x4n       2 bytes
 *  0x7n       1 + 4 (n + 1) bytes (a series of n + 1 values)
 *  0x8n      10 bytes
 *  0x9n       3 bytes
 *  0xAn       4 bytes
 * </pre>
 *
 * Other tags have no known length, so reading stops at them. Only the total volume is turned into
 * a reading.
 *
 * Source: the manufacturer publishes no description of this layout that was at hand; it was worked
 * out by comparing published sample telegrams with their decoded values, byte by byte, and uses the
 * EN 13757-3 codings (dates, VIFs) where the bytes follow them. Bytes marked "not interpreted" are
 * kept only in the raw telegram.
 */
final class Apator162 implements ManufacturerDecoder {

    @Override
    public String name() {
        return "apator162";
    }

    @Override
    public boolean appliesTo(SecondaryAddress a) {
        return "APA".equals(a.manufacturer()) && a.version() == 0x05 && (a.deviceType() == 0x06 || a.deviceType() == 0x07);
    }

    @Override
    public List<Reading> decode(SecondaryAddress address, byte[] data, int from, int to, List<DataRecord> records) {
        List<Reading> out = new ArrayList<>();
        for (DataRecord r : records) {
            if (!r.isManufacturerData()) {
                continue;
            }
            byte[] b = r.raw();
            int p = 3;
            while (p < b.length) {
                int tag = b[p] & 0xFF;
                int length = switch (tag >> 4) {
                    case 0x1 -> tag == 0x10 ? 4 : -1;
                    case 0x4 -> 2;
                    case 0x7 -> 1 + 4 * ((tag & 0x0F) + 1);
                    case 0x8 -> 10;
                    case 0x9 -> 3;
                    case 0xA -> 4;
                    default -> -1;
                };
                if (length < 0 || p + 1 + length > b.length) {
                    break;
                }
                if (tag == 0x10) {
                    out.add(Values.reading(name(), "total_volume",
                            BigDecimal.valueOf(Values.uint(b, p + 1, 4)).movePointLeft(3), Unit.CUBIC_METRE, null,
                            "Total volume"));
                    break;
                }
                p += 1 + length;
            }
        }
        return out;
    }
}
