package io.meterflow.dlms.push;

import io.meterflow.model.ObisCode;
import io.meterflow.model.Unit;

/**
 * The unit an electricity OBIS code implies (IEC 62056-61 value groups C and D), for registers
 * pushed without scaler_unit and not named by a layout. Only the unit is implied; the scaler is
 * left at 0, because the standard does not fix it.
 */
final class ObisUnits {

    private ObisUnits() {
    }

    static Unit implied(ObisCode o) {
        if (o.a() != 1) {
            return Unit.NONE;
        }
        int c = o.c();
        int d = o.d();
        int quantity = c > 80 ? c : ((c - 1) % 20) + 1;
        if (c == 0 || c > 80) {
            return Unit.NONE;
        }
        boolean energy = d == 8 || d == 9 || d == 10 || d == 29;
        boolean power = d == 4 || d == 5 || d == 6 || d == 7 || d == 14 || d == 15 || d == 16 || d == 24 || d == 25
                || d == 26 || d == 27;
        return switch (quantity) {
            case 1, 2, 15, 16, 17, 18, 19, 20 -> energy ? Unit.WATT_HOUR : power ? Unit.WATT : Unit.NONE;
            case 3, 4, 5, 6, 7, 8 -> energy ? Unit.VAR_HOUR : power ? Unit.VAR : Unit.NONE;
            case 9, 10 -> energy ? Unit.VOLT_AMPERE_HOUR : power ? Unit.VOLT_AMPERE : Unit.NONE;
            case 11 -> d == 7 || power ? Unit.AMPERE : Unit.NONE;
            case 12 -> d == 7 || power ? Unit.VOLT : Unit.NONE;
            case 14 -> d == 7 ? Unit.HERTZ : Unit.NONE;
            default -> Unit.NONE;
        };
    }
}
