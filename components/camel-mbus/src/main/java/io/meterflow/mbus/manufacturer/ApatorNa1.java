package io.meterflow.mbus.manufacturer;

import io.meterflow.mbus.codec.DataRecord;
import io.meterflow.mbus.codec.SecondaryAddress;
import io.meterflow.mbus.wireless.MissingKeyException;
import io.meterflow.mbus.wireless.TelegramCipher;
import io.meterflow.mbus.wireless.WrongKeyException;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Reading;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Apator NA-1 water meter radio module (manufacturer APA, version 0x14, device type 0x07). The
 * application layer is manufacturer-specific (CI 0xA0 or 0xA1):
 *
 * <pre>
 *  0      access number
 *  1      not interpreted
 *  2..17  one AES-128-CBC block, encrypted with the meter key and the IV of EN 13757-7 security
 *         mode 5 (manufacturer, identification, version, device type of the link layer, then the
 *         access number eight times)
 * </pre>
 *
 * Decrypted, the block starts with 0x2F (which tells a right key from a wrong one), then:
 *
 * <pre>
 *  1..3   total volume in litres: (bytes 2..3, little-endian) &lt;&lt; 4 | (byte 1 &amp; 0x0F); the
 *         upper nibble of byte 1 is not part of it
 *  4      not interpreted
 *  5..8   meter time: seconds since 2000-01-01 00:00 of the meter's clock, little-endian
 *  9..10  age of the historic value in hours: byte 9 | ((byte 10 &gt;&gt; 2) &amp; 0x3F) &lt;&lt; 8
 * 10..12  volume used since the historic value, litres: (bytes 11..12, little-endian) &lt;&lt; 2 |
 *         (byte 10 &amp; 0x03); the historic value is the total minus this
 * 13..15  status (not interpreted)
 * </pre>
 *
 * The historic value is timestamped at the meter time minus its age.
 *
 * Source: the manufacturer publishes no description of this layout that was at hand; it was worked
 * out by comparing published sample telegrams with their decoded values, byte by byte, and uses the
 * EN 13757-3 codings (dates, VIFs) where the bytes follow them. Bytes marked "not interpreted" are
 * kept only in the raw telegram.
 */
final class ApatorNa1 implements ManufacturerDecoder {

    /** The meter clock counts seconds from here (its local time, written as if UTC like all M-Bus times). */
    private static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    @Override
    public String name() {
        return "apatorna1";
    }

    @Override
    public boolean appliesTo(SecondaryAddress a) {
        return "APA".equals(a.manufacturer()) && a.version() == 0x14 && a.deviceType() == 0x07;
    }

    @Override
    public Scope scope() {
        return Scope.APPLICATION_LAYER;
    }

    @Override
    public List<Reading> decode(SecondaryAddress address, byte[] b, int from, int to, List<DataRecord> records) {
        return decode(address, b, from, to, records, null);
    }

    @Override
    public List<Reading> decode(SecondaryAddress address, byte[] b, int from, int to, List<DataRecord> records,
                                byte[] key) {
        List<Reading> out = new ArrayList<>();
        int ci = from < to ? b[from] & 0xFF : 0;
        if (ci != 0xA0 && ci != 0xA1 || from < 10) {
            return out;
        }
        int p = from + 1;
        Values.need(p, 18, to, "NA-1 encrypted block");
        if (key == null) {
            throw new MissingKeyException("telegram is encrypted (Apator NA-1) and no key is known for meter "
                    + address.manufacturer() + " " + address.id(), p + 2, address.toDeviceId("wmbus"));
        }
        if (key.length != 16) {
            throw new DecodeException("Apator NA-1 needs the meter's AES-128 key of 16 bytes, the key given has "
                    + key.length, p + 2);
        }
        byte[] iv = new byte[16];
        System.arraycopy(b, 2, iv, 0, 8); // M, A, V, T of the link layer
        for (int i = 8; i < 16; i++) {
            iv[i] = b[p];
        }
        byte[] clear = TelegramCipher.decryptCbc(key, iv, b, p + 2, 16);
        if ((clear[0] & 0xFF) != 0x2F) {
            throw new WrongKeyException("decrypted NA-1 block does not start with 2F: wrong key for meter "
                    + address.manufacturer() + " " + address.id(), p + 2, address.toDeviceId("wmbus"));
        }
        long litres = Values.uint(clear, 2, 2) << 4 | (clear[1] & 0x0F);
        Instant meterTime = EPOCH.plusSeconds(Values.uint(clear, 5, 4));
        long ageHours = (clear[9] & 0xFF) | (long) ((clear[10] >> 2) & 0x3F) << 8;
        long since = Values.uint(clear, 11, 2) << 2 | (clear[10] & 0x03);
        out.add(Values.reading(name(), "total_volume", BigDecimal.valueOf(litres).movePointLeft(3), Unit.CUBIC_METRE,
                meterTime, "Total volume"));
        out.add(Values.reading(name(), "historic_volume", BigDecimal.valueOf(litres - since).movePointLeft(3),
                Unit.CUBIC_METRE, meterTime.minusSeconds(ageHours * 3600), "Volume at the historic date"));
        out.add(Values.reading(name(), "historic_age", BigDecimal.valueOf(ageHours * 3600), Unit.SECOND, meterTime,
                "Age of the historic value"));
        return out;
    }
}
