package io.meterflow.mbus.manufacturer;

import io.meterflow.mbus.codec.DataRecord;
import io.meterflow.mbus.codec.SecondaryAddress;
import io.meterflow.mbus.wireless.MissingKeyException;
import io.meterflow.mbus.wireless.WrongKeyException;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Quality;
import io.meterflow.model.Reading;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Diehl IZAR radio modules on Diehl (DME), Hydrometer (HYD) and Sappel (SAP) water meters that send
 * the PRIOS layout: a manufacturer-specific application layer (CI 0xA1-0xA3) right after the link
 * layer, four bytes in clear, then a payload scrambled with a 64-bit key. Counted from the L-field
 * (link-layer CRCs removed):
 *
 * <pre>
 *  10      CI
 *  11..14  header h0..h3, in clear:
 *            h0 bits 0-3  radio interval: 2^(n+2) seconds
 *            h0 bit 7     alarm
 *            h1 bits 0-4  remaining battery life in half years
 *            h1 bit 7     leakage now; bit 6 leakage before; bit 5 meter blocked
 *            h2 bit 7     backflow; bit 6 underflow; bit 5 overflow; bit 4 submarine;
 *                         bit 3 sensor fraud now; bit 2 sensor fraud before;
 *                         bit 1 mechanical fraud now; bit 0 mechanical fraud before
 *            h3 bits 3-7  quantity: 2 is volume
 *            h3 bits 0-2  see below
 *  15..    scrambled payload; unscrambled:
 *            0      0x4B, which tells a right key from a wrong one
 *            1..4   current volume, unsigned, little-endian, litres
 *            5..8   volume at the last billing date, same coding
 *            9..10  that date, EN 13757-3 type G
 *            11..   not interpreted
 * </pre>
 *
 * The billing-date volume is timestamped with its date; if the date is not a date, that volume
 * gives no reading, since its time would be unknown.
 *
 * <p>The scrambling is a 32-bit linear feedback shift register. Its start value is the two halves of
 * the 8-byte key, bytes 2..5 and 6..9 of the telegram (manufacturer, address) and bytes 10..13
 * (CI, h0..h2), each read as a big-endian 32-bit number, XORed together. Before each payload byte
 * the register is clocked eight times, shifting left and feeding in bit 1 XOR bit 2 XOR bit 11 XOR
 * bit 31; the payload byte is XORed with the register's low byte. Most meters use one of two
 * factory keys, so those are tried after the meter's own 8-byte key (a 16-byte AES key is no PRIOS
 * key and is not used).
 *
 * <p>The three bits at the bottom of h3 look like a power of ten (n - 6), but in the sample
 * telegrams the volumes are litres both with 3 and with 5 there, so they are not that. Only those
 * two codes are accepted; with another one nothing is read rather than a volume that may be off by
 * powers of ten.
 *
 * <p>An alarm that is set now (h0 bit 7, leakage now, meter blocked, backflow, underflow, overflow,
 * submarine, fraud now) flags every reading with {@link Quality#METER_ERROR}, as the status byte of
 * a standard header does. All alarm bits, those of the past included, are kept in the reading
 * {@code mfr/izar/alarm_flags}: h0 bit 7 as bit 16, h1 bits 5-7 as bits 13-15, h2 as bits 0-7.
 *
 * <p>Link-layer addresses of these modules do not always follow EN 13757-4: in the sample telegrams
 * DME and HYD modules put version and device type (0x07, water) before the identification, and in
 * those of SAP modules the version and device type bytes vary from meter to meter and do not name
 * a water meter. So this decoder goes by manufacturer only and ignores version and device type.
 *
 * Source: the manufacturer publishes no description of this layout that was at hand; it was worked
 * out from a public description of the scrambling and by comparing published sample telegrams with
 * their decoded values, byte by byte. Bytes marked "not interpreted" are kept only in the raw
 * telegram.
 */
final class DiehlIzar implements ManufacturerDecoder {

    /** The factory keys, tried after the meter's own. */
    private static final byte[][] DEFAULT_KEYS = {
        {0x39, (byte) 0xBC, (byte) 0x8A, 0x10, (byte) 0xE6, 0x6D, (byte) 0x83, (byte) 0xF8},
        {0x51, 0x72, (byte) 0x89, 0x10, (byte) 0xE6, 0x6D, (byte) 0x83, (byte) 0xF8},
    };

    private static final int CHECK_BYTE = 0x4B;
    /** Payload bytes that are read: check byte, two volumes, a date. */
    private static final int PAYLOAD = 11;
    private static final int QUANTITY_VOLUME = 0x02;
    /** A Julian year: the battery life comes in half years, the canonical unit is the second. */
    private static final BigDecimal HALF_YEAR_SECONDS = BigDecimal.valueOf(365.25 * 86400 / 2).setScale(0);

    @Override
    public String name() {
        return "izar";
    }

    @Override
    public boolean appliesTo(SecondaryAddress a) {
        String m = a.manufacturer();
        return "DME".equals(m) || "HYD".equals(m) || "SAP".equals(m);
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
        // the scrambling covers the link-layer address at fixed places: only right after it
        if (ci < 0xA1 || ci > 0xA3 || from != 10) {
            return out;
        }
        int h = from + 1;
        int p = h + 4;
        Values.need(h, 4, to, "IZAR header");
        Values.need(p, PAYLOAD, to, "IZAR payload");
        int h0 = Values.u8(b, h);
        int h1 = Values.u8(b, h + 1);
        int h2 = Values.u8(b, h + 2);
        int h3 = Values.u8(b, h + 3);

        byte[] own = key != null && key.length == 8 ? key : null;
        byte[] plain = unscramble(b, p, own);
        if (plain == null) {
            for (byte[] k : DEFAULT_KEYS) {
                plain = unscramble(b, p, k);
                if (plain != null) {
                    break;
                }
            }
        }
        if (plain == null) {
            String meter = address.manufacturer() + " " + address.id();
            if (own != null) {
                throw new WrongKeyException("unscrambled IZAR payload does not start with 4B, neither with the"
                        + " meter key nor with the factory keys: wrong key for meter " + meter, p,
                        address.toDeviceId("wmbus"));
            }
            throw new MissingKeyException("IZAR payload is scrambled with a key other than the factory keys"
                    + " and no 8-byte key is known for meter " + meter, p, address.toDeviceId("wmbus"));
        }
        if (h3 >> 3 != QUANTITY_VOLUME) {
            throw new DecodeException(String.format("IZAR quantity code %02X is not known (2 is volume)", h3 >> 3),
                    h + 3);
        }
        if ((h3 & 0x07) != 3 && (h3 & 0x07) != 5) {
            throw new DecodeException("IZAR volume coding " + (h3 & 0x07) + " is not known (3 and 5 are litres)",
                    h + 3);
        }

        Instant billingDate = Values.dateG(plain, 9);
        out.add(Values.reading(name(), "total_volume", litres(plain, 1), Unit.CUBIC_METRE, null, "Total volume"));
        if (billingDate != null) {
            out.add(Values.reading(name(), "billing_volume", litres(plain, 5), Unit.CUBIC_METRE, billingDate,
                    "Volume at the last billing date"));
        }
        out.add(Values.reading(name(), "transmit_period", BigDecimal.valueOf(1L << ((h0 & 0x0F) + 2)),
                Unit.SECOND, null, "Radio transmission interval"));
        out.add(Values.reading(name(), "battery_remaining", HALF_YEAR_SECONDS.multiply(BigDecimal.valueOf(h1 & 0x1F)),
                Unit.SECOND, null, "Remaining battery life"));
        int alarms = (h0 & 0x80) << 9 | (h1 & 0xE0) << 8 | h2;
        out.add(Values.reading(name(), "alarm_flags", BigDecimal.valueOf(alarms), Unit.NONE, null,
                "Alarm flags (now and before)"));

        boolean alarmNow = (h0 & 0x80) != 0 || (h1 & 0xA0) != 0 || (h2 & 0xFA) != 0;
        if (alarmNow) {
            out.replaceAll(r -> r.withQuality(Quality.METER_ERROR));
        }
        return out;
    }

    /** The first {@value #PAYLOAD} payload bytes in clear, or null if this key does not give the check byte. */
    private static byte[] unscramble(byte[] b, int p, byte[] key) {
        if (key == null) {
            return null;
        }
        int state = be32(key, 0) ^ be32(key, 4) ^ be32(b, 2) ^ be32(b, 6) ^ be32(b, 10);
        byte[] plain = new byte[PAYLOAD];
        for (int i = 0; i < PAYLOAD; i++) {
            for (int n = 0; n < 8; n++) {
                int feed = (state >>> 1 ^ state >>> 2 ^ state >>> 11 ^ state >>> 31) & 1;
                state = state << 1 | feed;
            }
            plain[i] = (byte) (b[p + i] ^ state);
            if (i == 0 && (plain[0] & 0xFF) != CHECK_BYTE) {
                return null;
            }
        }
        return plain;
    }

    private static int be32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static BigDecimal litres(byte[] plain, int at) {
        return BigDecimal.valueOf(Values.uint(plain, at, 4)).movePointLeft(3);
    }
}
