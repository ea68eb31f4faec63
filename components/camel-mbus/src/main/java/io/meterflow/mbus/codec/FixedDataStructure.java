package io.meterflow.mbus.codec;

import io.meterflow.model.DecodeException;
import io.meterflow.model.DeviceId;
import io.meterflow.model.Medium;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fixed data structure of EN 1434-3 (CI 0x73): identification, access number, status, two
 * medium/unit codes and two 4-byte counters, BCD or binary as the status byte's top bit says.
 * Old meters still answer with it.
 */
final class FixedDataStructure {

    /** Unit codes of the fixed structure: canonical unit and power of ten, null for no unit. */
    private static final Object[][] UNITS = new Object[64][];

    static {
        int code = 0x02;
        for (int k = 0; k < 3; k++) { // Wh, kWh, MWh
            for (int p = 0; p < 3; p++) {
                UNITS[code++] = new Object[] {Unit.WATT_HOUR, 3 * k + p};
            }
        }
        for (int k = 0; k < 3; k++) { // kJ, MJ, GJ
            for (int p = 0; p < 3; p++) {
                UNITS[code++] = new Object[] {Unit.JOULE, 3 + 3 * k + p};
            }
        }
        for (int k = 0; k < 3; k++) { // W, kW, MW
            for (int p = 0; p < 3; p++) {
                UNITS[code++] = new Object[] {Unit.WATT, 3 * k + p};
            }
        }
        code += 9; // kJ/h, MJ/h, GJ/h: no canonical unit
        for (int k = 0; k < 3; k++) { // ml, l, m3
            for (int p = 0; p < 3; p++) {
                UNITS[code++] = new Object[] {Unit.CUBIC_METRE, -6 + 3 * k + p};
            }
        }
        for (int k = 0; k < 3; k++) { // ml/h, l/h, m3/h
            for (int p = 0; p < 3; p++) {
                UNITS[code++] = new Object[] {Unit.CUBIC_METRE_PER_HOUR, -6 + 3 * k + p};
            }
        }
        UNITS[0x38] = new Object[] {Unit.DEGREE_CELSIUS, -3};
        UNITS[0x39] = new Object[] {Unit.NONE, 0};
        UNITS[0x3F] = new Object[] {Unit.NONE, 0};
    }

    private FixedDataStructure() {
    }

    static Telegram decode(byte[] b, int ciAt, int end, String protocol) {
        int p = ciAt + 1;
        if (end - p < 16) {
            throw new DecodeException("fixed data structure needs 16 bytes, got " + (end - p), end);
        }
        String id = SecondaryAddress.identification(b, p);
        int status = b[p + 5] & 0xFF;
        int t1 = b[p + 6] & 0xFF;
        int t2 = b[p + 7] & 0xFF;
        int medium = (t1 >> 6) | ((t2 >> 6) << 2);
        boolean binary = (status & 0x80) != 0;
        List<Reading> readings = new ArrayList<>();
        Object[] u1 = UNITS[t1 & 0x3F];
        Object[] u2 = (t2 & 0x3F) == 0x3E ? u1 : UNITS[t2 & 0x3F];
        add(readings, "fixed/1", counter(b, p + 8, binary), u1, "Counter 1");
        add(readings, "fixed/2" + ((t2 & 0x3F) == 0x3E ? "/historic" : ""), counter(b, p + 12, binary), u2,
                (t2 & 0x3F) == 0x3E ? "Counter 2 (historic value of counter 1)" : "Counter 2");
        Medium m = SecondaryAddress.medium(medium);
        DeviceId device = DeviceId.mbus(protocol, null, id, null, m);
        return new Telegram(protocol, device, null, readings,
                List.of(new io.meterflow.model.Event("fixed_data", null, "EN 1434-3 fixed data structure",
                        Map.of("status", String.format("%02X", status)))), b);
    }

    private static void add(List<Reading> readings, String register, BigDecimal raw, Object[] unit, String what) {
        if (raw == null) {
            return;
        }
        Unit u = unit == null ? Unit.NONE : (Unit) unit[0];
        int exp = unit == null ? 0 : (Integer) unit[1];
        BigDecimal v = raw.scaleByPowerOfTen(exp);
        if (v.scale() < 0) {
            v = v.setScale(0);
        }
        readings.add(new Reading(register, v, u, null, null, what));
    }

    private static BigDecimal counter(byte[] b, int at, boolean binary) {
        int[] v = {b[at] & 0xFF, b[at + 1] & 0xFF, b[at + 2] & 0xFF, b[at + 3] & 0xFF};
        return binary ? VariableDataParser.integerValue(v, false) : VariableDataParser.bcd(v, false);
    }
}
