package io.meterflow.mbus.codec;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One data record of an EN 13757-3 variable data structure, decoded: where it sits, what its
 * DIF/DIFE and VIF/VIFE say, and its value.
 *
 * <p>Exactly one of {@code number}, {@code text}, {@code time} and {@code raw} is set.
 *
 * @param offset       frame offset of the DIF
 * @param dataField    DIF data field code (0..15)
 * @param function     0 instantaneous, 1 maximum, 2 minimum, 3 value during error state
 * @param storage      storage number
 * @param tariff       tariff
 * @param subunit      subunit (device number)
 * @param vifBytes     the VIF and VIFE bytes as sent, as hex; the basis of the register key
 * @param plainTextVif the unit text of a plain-text VIF (0x7C), or null
 * @param info         quantity, unit and scaling
 * @param number       scaled value in {@code info.unit()}, or null
 * @param text         a text or non-numeric value, or null
 * @param time         a date/time value as the meter's wall clock, or null
 * @param clockInvalid the time point carried the "invalid" flag
 * @param summerTime   the time point carried the summer-time flag
 * @param raw          manufacturer-specific bytes (after DIF 0x0F/0x1F), or null
 * @param dataOffset   frame offset of the data field (after the VIF chain)
 * @param dataEnd      frame offset just after the data field
 */
public record DataRecord(int offset, int dataField, int function, long storage, int tariff, int subunit,
                         String vifBytes, String plainTextVif, ValueInformation info, BigDecimal number,
                         String text, LocalDateTime time, boolean clockInvalid, boolean summerTime, byte[] raw,
                         int dataOffset, int dataEnd) {

    private static final String[] FUNCTIONS = {"inst", "max", "min", "err"};

    /**
     * A stable register key: the VIF chain, storage number, tariff, subunit and function, e.g.
     * {@code 13/s0/t0/u0/inst}. The DIF's data type is left out on purpose: a firmware update that
     * changes BCD to binary must not move a series to a new register.
     */
    public String registerKey() {
        String suffix = suffix(storage, tariff, subunit, function);
        return plainTextVif == null ? vifBytes.concat(suffix) : vifBytes + '\'' + plainTextVif + '\'' + suffix;
    }

    /**
     * The key's part after the VIF chain. The usual small numbers are built once and kept: the
     * digits of every record's key were a sixth of the time to decode a wired frame.
     */
    private static String suffix(long storage, int tariff, int subunit, int function) {
        if (storage >= 0 && storage < 32 && tariff >= 0 && tariff < 16 && subunit >= 0 && subunit < 8) {
            int i = (((int) storage * 16 + tariff) * 8 + subunit) * 4 + function;
            String known = SUFFIXES[i];
            if (known == null) {
                known = buildSuffix(storage, tariff, subunit, function);
                SUFFIXES[i] = known; // a race only builds the same string twice
            }
            return known;
        }
        return buildSuffix(storage, tariff, subunit, function);
    }

    private static final String[] SUFFIXES = new String[32 * 16 * 8 * 4];

    private static String buildSuffix(long storage, int tariff, int subunit, int function) {
        return "/s" + storage + "/t" + tariff + "/u" + subunit + '/' + FUNCTIONS[function];
    }

    public String functionName() {
        return FUNCTIONS[function];
    }

    public boolean isManufacturerData() {
        return raw != null;
    }
}
