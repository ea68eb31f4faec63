package io.meterflow.mbus.codec;

import io.meterflow.model.Unit;
import java.math.BigDecimal;

/**
 * The value information tables of EN 13757-3: the primary VIF table, the extension tables behind
 * 0xFB and 0xFD, and the combinable (orthogonal) VIFEs that scale or qualify a value. Written from
 * the standard so that every VIF extension is covered, not only those a library happens to know.
 */
public final class VifTable {

    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    private static final BigDecimal HOUR = BigDecimal.valueOf(3600);
    private static final BigDecimal DAY = BigDecimal.valueOf(86400);
    private static final BigDecimal BAR = BigDecimal.valueOf(100000);
    private static final BigDecimal[] DURATION = {BigDecimal.ONE, SIXTY, HOUR, DAY};

    private VifTable() {
    }

    /** The primary table (VIF without its extension bit). */
    public static ValueInformation primary(int vif) {
        int n3 = vif & 0x07;
        int n2 = vif & 0x03;
        switch (vif & 0x78) {
            case 0x00: return ValueInformation.number("Energy", Unit.WATT_HOUR, n3 - 3);
            case 0x08: return ValueInformation.number("Energy", Unit.JOULE, n3);
            case 0x10: return ValueInformation.number("Volume", Unit.CUBIC_METRE, n3 - 6);
            case 0x18: return ValueInformation.number("Mass", Unit.KILOGRAM, n3 - 3);
            case 0x28: return ValueInformation.number("Power", Unit.WATT, n3 - 3);
            // J/h is held as W: 1 J/h = 1/3600 W is not exact in decimal, so the value is rounded
            // to 12 significant digits, far below any meter's resolution.
            case 0x30: return new ValueInformation("Power (J/h)", Unit.WATT, n3, BigDecimal.ONE
                    .divide(HOUR, new java.math.MathContext(12)), ValueInformation.Kind.NUMBER);
            case 0x38: return ValueInformation.number("Volume flow", Unit.CUBIC_METRE_PER_HOUR, n3 - 6);
            case 0x40: return ValueInformation.number("Volume flow", Unit.CUBIC_METRE_PER_HOUR, n3 - 7, SIXTY);
            case 0x48: return ValueInformation.number("Volume flow", Unit.CUBIC_METRE_PER_HOUR, n3 - 9, HOUR);
            case 0x50: return ValueInformation.plain("Mass flow (kg/h)").scaled(n3 - 3);
            default: break;
        }
        switch (vif & 0x7C) {
            case 0x20: return duration("On time", n2);
            case 0x24: return duration("Operating time", n2);
            case 0x58: return ValueInformation.number("Flow temperature", Unit.DEGREE_CELSIUS, n2 - 3);
            case 0x5C: return ValueInformation.number("Return temperature", Unit.DEGREE_CELSIUS, n2 - 3);
            case 0x60: return ValueInformation.number("Temperature difference", Unit.KELVIN, n2 - 3);
            case 0x64: return ValueInformation.number("External temperature", Unit.DEGREE_CELSIUS, n2 - 3);
            case 0x68:
                if ((vif & 0x7F) <= 0x6B) {
                    return ValueInformation.number("Pressure", Unit.PASCAL, n2 - 3, BAR);
                }
                break;
            case 0x70: return duration("Averaging duration", n2);
            case 0x74: return duration("Actuality duration", n2);
            default: break;
        }
        switch (vif & 0x7F) {
            case 0x6C: return timePoint("Time point (date)");
            case 0x6D: return timePoint("Time point (date and time)");
            case 0x6E: return ValueInformation.plain("Units for H.C.A.");
            case 0x6F: return ValueInformation.plain("Reserved");
            case 0x78: return ValueInformation.id("Fabrication number");
            case 0x79: return ValueInformation.id("Enhanced identification");
            case 0x7A: return ValueInformation.id("Bus address");
            case 0x7E: return ValueInformation.plain("Any VIF");
            case 0x7F: return new ValueInformation("Manufacturer specific", Unit.NONE, 0, BigDecimal.ONE,
                    ValueInformation.Kind.MANUFACTURER);
            default: return ValueInformation.plain("Reserved VIF " + Integer.toHexString(vif));
        }
    }

    /** The first extension table, behind VIF 0xFD. */
    static ValueInformation extensionFd(int vife) {
        int e = vife & 0x7F;
        int n2 = e & 0x03;
        if ((e & 0x70) == 0x40) {
            return ValueInformation.number("Voltage", Unit.VOLT, (e & 0x0F) - 9);
        }
        if ((e & 0x70) == 0x50) {
            return ValueInformation.number("Current", Unit.AMPERE, (e & 0x0F) - 12);
        }
        switch (e & 0x7C) {
            case 0x00: return ValueInformation.plain("Credit").scaled(n2 - 3);
            case 0x04: return ValueInformation.plain("Debit").scaled(n2 - 3);
            case 0x24: return duration("Storage interval", n2);
            case 0x2C: return duration("Duration since last readout", n2);
            case 0x34: return duration("Period of tariff", n2);
            case 0x68: return ValueInformation.plain("Duration since last cumulation ("
                    + new String[] {"hours", "days", "months", "years"}[n2] + ")");
            case 0x6C:
                if (n2 <= 1) {
                    return ValueInformation.number("Operating time battery", Unit.SECOND, 0, n2 == 0 ? HOUR : DAY);
                }
                return ValueInformation.plain("Operating time battery (" + (n2 == 2 ? "months" : "years") + ")");
            default: break;
        }
        switch (e) {
            case 0x08: return ValueInformation.id("Access number");
            case 0x09: return ValueInformation.id("Medium");
            case 0x0A: return ValueInformation.id("Manufacturer");
            case 0x0B: return ValueInformation.id("Parameter set identification");
            case 0x0C: return ValueInformation.id("Model / version");
            case 0x0D: return ValueInformation.id("Hardware version");
            case 0x0E: return ValueInformation.id("Firmware version");
            case 0x0F: return ValueInformation.id("Software version");
            case 0x10: return ValueInformation.id("Customer location");
            case 0x11: return ValueInformation.id("Customer");
            case 0x12: return ValueInformation.id("Access code user");
            case 0x13: return ValueInformation.id("Access code operator");
            case 0x14: return ValueInformation.id("Access code system operator");
            case 0x15: return ValueInformation.id("Access code developer");
            case 0x16: return ValueInformation.id("Password");
            case 0x17: return ValueInformation.id("Error flags");
            case 0x18: return ValueInformation.id("Error mask");
            case 0x1A: return ValueInformation.id("Digital output");
            case 0x1B: return ValueInformation.id("Digital input");
            case 0x1C: return ValueInformation.plain("Baud rate");
            case 0x1D: return ValueInformation.plain("Response delay time (bit times)");
            case 0x1E: return ValueInformation.plain("Retry");
            case 0x1F: return ValueInformation.id("Remote control");
            case 0x20: return ValueInformation.plain("First storage number for cyclic storage");
            case 0x21: return ValueInformation.plain("Last storage number for cyclic storage");
            case 0x22: return ValueInformation.plain("Size of storage block");
            case 0x28: return ValueInformation.plain("Storage interval (months)");
            case 0x29: return ValueInformation.plain("Storage interval (years)");
            case 0x30: return timePoint("Start of tariff");
            case 0x31: return ValueInformation.number("Duration of tariff", Unit.SECOND, 0, SIXTY);
            case 0x32: return ValueInformation.number("Duration of tariff", Unit.SECOND, 0, HOUR);
            case 0x33: return ValueInformation.number("Duration of tariff", Unit.SECOND, 0, DAY);
            case 0x38: return ValueInformation.plain("Period of tariff (months)");
            case 0x39: return ValueInformation.plain("Period of tariff (years)");
            case 0x3A: return ValueInformation.plain("Dimensionless");
            case 0x60: return ValueInformation.plain("Reset counter");
            case 0x61: return ValueInformation.plain("Cumulation counter");
            case 0x62: return ValueInformation.id("Control signal");
            case 0x63: return ValueInformation.plain("Day of week");
            case 0x64: return ValueInformation.plain("Week number");
            case 0x65: return timePoint("Time point of day change");
            case 0x66: return ValueInformation.id("State of parameter activation");
            case 0x67: return ValueInformation.id("Special supplier information");
            case 0x70: return timePoint("Date and time of battery change");
            case 0x71: return ValueInformation.plain("Reception level (dBm)");
            default: return ValueInformation.plain("Reserved VIF FD " + Integer.toHexString(e));
        }
    }

    /** The second extension table, behind VIF 0xFB. */
    static ValueInformation extensionFb(int vife) {
        int e = vife & 0x7F;
        int n1 = e & 0x01;
        int n2 = e & 0x03;
        switch (e & 0x7E) {
            case 0x00: return ValueInformation.number("Energy", Unit.WATT_HOUR, n1 + 5);
            case 0x02: return ValueInformation.number("Reactive energy", Unit.VAR_HOUR, n1 + 3);
            case 0x04: return ValueInformation.number("Apparent energy", Unit.VOLT_AMPERE_HOUR, n1 + 3);
            case 0x08: return ValueInformation.number("Energy", Unit.JOULE, n1 + 8);
            case 0x10: return ValueInformation.number("Volume", Unit.CUBIC_METRE, n1 + 2);
            case 0x18: return ValueInformation.number("Mass", Unit.KILOGRAM, n1 + 5);
            case 0x1A: return ValueInformation.number("Relative humidity", Unit.PERCENT, n1 - 1);
            case 0x28: return ValueInformation.number("Power", Unit.WATT, n1 + 5);
            case 0x30: return new ValueInformation("Power (GJ/h)", Unit.WATT, n1 + 8, BigDecimal.ONE
                    .divide(HOUR, new java.math.MathContext(12)), ValueInformation.Kind.NUMBER);
            default: break;
        }
        switch (e & 0x7C) {
            case 0x0C: return ValueInformation.plain("Energy (MCal)").scaled(n2 - 1);
            case 0x14: return ValueInformation.number("Reactive power", Unit.VAR, n2);
            case 0x2C: return ValueInformation.number("Frequency", Unit.HERTZ, n2 - 3);
            case 0x34: return ValueInformation.number("Apparent power", Unit.VOLT_AMPERE, n2);
            case 0x58: return ValueInformation.plain("Flow temperature (degF)").scaled(n2 - 3);
            case 0x5C: return ValueInformation.plain("Return temperature (degF)").scaled(n2 - 3);
            case 0x60: return ValueInformation.plain("Temperature difference (degF)").scaled(n2 - 3);
            case 0x64: return ValueInformation.plain("External temperature (degF)").scaled(n2 - 3);
            case 0x70: return ValueInformation.plain("Temperature limit (degF)").scaled(n2 - 3);
            case 0x74: return ValueInformation.number("Temperature limit", Unit.DEGREE_CELSIUS, n2 - 3);
            default: break;
        }
        if ((e & 0x78) == 0x78) {
            return ValueInformation.number("Cumulative maximum of active power", Unit.WATT, (e & 0x07) - 3);
        }
        switch (e) {
            case 0x21: return ValueInformation.plain("Volume (0.1 feet^3)");
            case 0x22: return ValueInformation.plain("Volume (0.1 US gallon)");
            case 0x23: return ValueInformation.plain("Volume (US gallon)");
            case 0x24: return ValueInformation.plain("Volume flow (0.001 US gallon/min)");
            case 0x25: return ValueInformation.plain("Volume flow (US gallon/min)");
            case 0x26: return ValueInformation.plain("Volume flow (US gallon/h)");
            case 0x2A: return ValueInformation.number("Phase U-U", Unit.DEGREE, -1);
            case 0x2B: return ValueInformation.number("Phase U-I", Unit.DEGREE, -1);
            default: return ValueInformation.plain("Reserved VIF FB " + Integer.toHexString(e));
        }
    }

    /**
     * Applies a combinable VIFE. Only those that change the number itself are applied (the
     * correction factors); the others qualify the quantity and go into the description and the
     * register key, which holds every VIFE byte anyway.
     */
    static ValueInformation combine(ValueInformation info, int vife) {
        int e = vife & 0x7F;
        if (e >= 0x70 && e <= 0x77) {
            return info.scaled((e & 0x07) - 6);
        }
        if (e == 0x7D) {
            return info.scaled(3);
        }
        if (e <= 0x1F) {
            return info.withDescription(info.description() + ", record error " + e);
        }
        String q = qualifier(e);
        return q == null ? info : info.withDescription(info.description() + " " + q);
    }

    private static String qualifier(int e) {
        switch (e) {
            case 0x20: return "per second";
            case 0x21: return "per minute";
            case 0x22: return "per hour";
            case 0x23: return "per day";
            case 0x24: return "per week";
            case 0x25: return "per month";
            case 0x26: return "per year";
            case 0x27: return "per revolution / measurement";
            case 0x28: case 0x29: return "increment per input pulse";
            case 0x2A: case 0x2B: return "increment per output pulse";
            case 0x39: return "start date/time of";
            case 0x3A: return "uncorrected";
            case 0x3B: return "accumulation of positive contributions";
            case 0x3C: return "accumulation of negative contributions";
            case 0x40: return "lower limit";
            case 0x48: return "upper limit";
            case 0x7E: return "future value";
            default: return null;
        }
    }

    private static ValueInformation duration(String what, int n) {
        // The VIF's own unit is converted to seconds, so the description names only the quantity.
        return ValueInformation.number(what, Unit.SECOND, 0, DURATION[n]);
    }

    private static ValueInformation timePoint(String what) {
        return new ValueInformation(what, Unit.NONE, 0, BigDecimal.ONE, ValueInformation.Kind.TIME_POINT);
    }
}
