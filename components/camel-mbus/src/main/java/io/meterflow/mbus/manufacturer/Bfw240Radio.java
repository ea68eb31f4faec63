package io.meterflow.mbus.manufacturer;

import static io.meterflow.mbus.manufacturer.Values.need;
import static io.meterflow.mbus.manufacturer.Values.u8;

import io.meterflow.mbus.codec.DataRecord;
import io.meterflow.mbus.codec.SecondaryAddress;
import io.meterflow.model.Reading;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * BFW 240 radio heat cost allocator (manufacturer BFW, version 0x02, device type 0x08). After the
 * short transport header and the {@code 2F 2F} check bytes the payload is not EN 13757-3 records
 * but a fixed block of 38 bytes:
 *
 * <pre>
 *  0..1   status / counter bytes (not interpreted)
 *  2..3   units at the last billing date, big-endian
 *  4..5   current units, big-endian
 *  6..7   not interpreted
 *  8..34  18 monthly values of 12 bits, newest last: each 3-byte group [x, m, y] holds the newer
 *         value y | (m &amp; 0x0F) &lt;&lt; 8 and the older value x | (m &gt;&gt; 4) &lt;&lt; 8
 * 35..37  date of the telegram, BCD day, month, year (two digits)
 * </pre>
 *
 * The allocator units have no physical unit.
 *
 * Source: the manufacturer publishes no description of this layout that was at hand; it was worked
 * out by comparing published sample telegrams with their decoded values, byte by byte, and uses the
 * EN 13757-3 codings (dates, VIFs) where the bytes follow them. Bytes marked "not interpreted" are
 * kept only in the raw telegram.
 */
final class Bfw240Radio implements ManufacturerDecoder {

    private static final int LENGTH = 38;
    private static final int MONTHS = 18;

    @Override
    public String name() {
        return "bfw240radio";
    }

    @Override
    public boolean appliesTo(SecondaryAddress a) {
        return "BFW".equals(a.manufacturer()) && a.version() == 0x02 && a.deviceType() == 0x08;
    }

    @Override
    public Scope scope() {
        return Scope.PAYLOAD;
    }

    @Override
    public List<Reading> decode(SecondaryAddress address, byte[] b, int from, int to, List<DataRecord> records) {
        int p = from;
        if (p + 1 < to && u8(b, p) == 0x2F && u8(b, p + 1) == 0x2F) {
            p += 2;
        }
        need(p, LENGTH, to, "BFW 240 radio block of " + LENGTH + " bytes");
        List<Reading> out = new ArrayList<>();
        Instant date = date(b, p + 35);
        out.add(Values.reading(name(), "current", BigDecimal.valueOf(u8(b, p + 4) << 8 | u8(b, p + 5)), Unit.NONE,
                date, "Heat cost allocator units, current"));
        out.add(Values.reading(name(), "billing", BigDecimal.valueOf(u8(b, p + 2) << 8 | u8(b, p + 3)), Unit.NONE,
                null, "Heat cost allocator units at the last billing date"));
        // Walk the 12-bit history from the newest (at the end) to the oldest.
        int month = 1;
        for (int g = p + 32; g >= p + 8 && month <= MONTHS; g -= 3) {
            int x = u8(b, g);
            int m = u8(b, g + 1);
            int y = u8(b, g + 2);
            out.add(month(month++, y | (m & 0x0F) << 8));
            out.add(month(month++, x | (m >> 4) << 8));
        }
        return out;
    }

    private Reading month(int n, int units) {
        return Values.reading(name(), "month/" + n, BigDecimal.valueOf(units), Unit.NONE, null,
                "Heat cost allocator units, " + n + " month(s) back");
    }

    private static Instant date(byte[] b, int at) {
        long d = Values.bcd(b, at, 1);
        long m = Values.bcd(b, at + 1, 1);
        long y = Values.bcd(b, at + 2, 1);
        if (d < 0 || m < 0 || y < 0) {
            return null;
        }
        try {
            return LocalDate.of(2000 + (int) y, (int) m, (int) d).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

}
