package io.meterflow.dlms.axdr;

import io.meterflow.model.Unit;

import java.math.BigDecimal;

/**
 * The DLMS/COSEM unit enumeration (Blue Book 4.3.2, scaler_unit) and its canonical Meterflow
 * unit. Where the DLMS unit is a multiple of a canonical unit the factor converts exactly
 * (hours to seconds, litres to cubic metres, bar to pascal); units Meterflow has no canonical
 * form for map to {@link Unit#NONE} with {@link #canonical()} false, and keep their symbol.
 */
public enum DlmsUnit {
    YEAR(1, "a", null, null),
    MONTH(2, "mo", null, null),
    WEEK(3, "wk", Unit.SECOND, "604800"),
    DAY(4, "d", Unit.SECOND, "86400"),
    HOUR(5, "h", Unit.SECOND, "3600"),
    MINUTE(6, "min", Unit.SECOND, "60"),
    SECOND(7, "s", Unit.SECOND, "1"),
    DEGREE(8, "deg", Unit.DEGREE, "1"),
    DEGREE_CELSIUS(9, "degC", Unit.DEGREE_CELSIUS, "1"),
    CURRENCY(10, "currency", null, null),
    METRE(11, "m", null, null),
    METRE_PER_SECOND(12, "m/s", null, null),
    CUBIC_METRE(13, "m3", Unit.CUBIC_METRE, "1"),
    CUBIC_METRE_CORRECTED(14, "m3", Unit.CUBIC_METRE, "1"),
    CUBIC_METRE_PER_HOUR(15, "m3/h", Unit.CUBIC_METRE_PER_HOUR, "1"),
    CUBIC_METRE_PER_HOUR_CORRECTED(16, "m3/h", Unit.CUBIC_METRE_PER_HOUR, "1"),
    CUBIC_METRE_PER_DAY(17, "m3/d", null, null),
    CUBIC_METRE_PER_DAY_CORRECTED(18, "m3/d", null, null),
    LITRE(19, "l", Unit.CUBIC_METRE, "0.001"),
    KILOGRAM(20, "kg", Unit.KILOGRAM, "1"),
    NEWTON(21, "N", null, null),
    NEWTON_METRE(22, "Nm", null, null),
    PASCAL(23, "Pa", Unit.PASCAL, "1"),
    BAR(24, "bar", Unit.PASCAL, "100000"),
    JOULE(25, "J", Unit.JOULE, "1"),
    JOULE_PER_HOUR(26, "J/h", null, null),
    WATT(27, "W", Unit.WATT, "1"),
    VOLT_AMPERE(28, "VA", Unit.VOLT_AMPERE, "1"),
    VAR(29, "var", Unit.VAR, "1"),
    WATT_HOUR(30, "Wh", Unit.WATT_HOUR, "1"),
    VOLT_AMPERE_HOUR(31, "VAh", Unit.VOLT_AMPERE_HOUR, "1"),
    VAR_HOUR(32, "varh", Unit.VAR_HOUR, "1"),
    AMPERE(33, "A", Unit.AMPERE, "1"),
    COULOMB(34, "C", null, null),
    VOLT(35, "V", Unit.VOLT, "1"),
    VOLT_PER_METRE(36, "V/m", null, null),
    FARAD(37, "F", null, null),
    OHM(38, "Ohm", null, null),
    OHM_METRE(39, "Ohm m2/m", null, null),
    WEBER(40, "Wb", null, null),
    TESLA(41, "T", null, null),
    AMPERE_PER_METRE(42, "A/m", null, null),
    HENRY(43, "H", null, null),
    HERTZ(44, "Hz", Unit.HERTZ, "1"),
    PER_WATT_HOUR(45, "1/(Wh)", null, null),
    PER_VAR_HOUR(46, "1/(varh)", null, null),
    PER_VOLT_AMPERE_HOUR(47, "1/(VAh)", null, null),
    VOLT_SQUARED_HOUR(48, "V2h", null, null),
    AMPERE_SQUARED_HOUR(49, "A2h", null, null),
    KILOGRAM_PER_SECOND(50, "kg/s", null, null),
    SIEMENS(51, "S", null, null),
    KELVIN(52, "K", Unit.KELVIN, "1"),
    PER_VOLT_SQUARED_HOUR(53, "1/(V2h)", null, null),
    PER_AMPERE_SQUARED_HOUR(54, "1/(A2h)", null, null),
    PER_CUBIC_METRE(55, "1/m3", null, null),
    PERCENT(56, "%", Unit.PERCENT, "1"),
    AMPERE_HOUR(57, "Ah", null, null),
    WATT_HOUR_PER_CUBIC_METRE(60, "Wh/m3", null, null),
    JOULE_PER_CUBIC_METRE(61, "J/m3", null, null),
    MOLE_PERCENT(62, "mol%", null, null),
    GRAM_PER_CUBIC_METRE(63, "g/m3", null, null),
    PASCAL_SECOND(64, "Pa s", null, null),
    JOULE_PER_KILOGRAM(65, "J/kg", null, null),
    GRAM_PER_SQUARE_CENTIMETRE(66, "g/cm2", null, null),
    ATMOSPHERE(67, "atm", null, null),
    DECIBEL_MILLIWATT(70, "dBm", null, null),
    DECIBEL_MICROVOLT(71, "dBuV", null, null),
    DECIBEL(72, "dB", null, null),
    OTHER(254, "other", null, null),
    COUNT(255, "", Unit.NONE, "1");

    private static final DlmsUnit[] BY_CODE = new DlmsUnit[256];

    static {
        for (DlmsUnit u : values()) {
            BY_CODE[u.code] = u;
        }
    }

    private final int code;
    private final String symbol;
    private final Unit unit;
    private final BigDecimal factor;

    DlmsUnit(int code, String symbol, Unit unit, String factor) {
        this.code = code;
        this.symbol = symbol;
        this.unit = unit == null ? Unit.NONE : unit;
        this.factor = factor == null ? BigDecimal.ONE : new BigDecimal(factor);
    }

    public int code() {
        return code;
    }

    public String symbol() {
        return symbol;
    }

    /** The canonical unit; {@link Unit#NONE} where there is none. */
    public Unit unit() {
        return unit;
    }

    /** Multiply a value in this unit by the factor to get it in {@link #unit()}. */
    public BigDecimal factor() {
        return factor;
    }

    /** False when no canonical unit exists and the value is passed on with {@link Unit#NONE}. */
    public boolean canonical() {
        return this == COUNT || unit != Unit.NONE;
    }

    /** The unit for a code; reserved codes read as {@link #OTHER}. */
    public static DlmsUnit ofCode(int code) {
        DlmsUnit u = code < 0 || code > 255 ? null : BY_CODE[code];
        return u == null ? OTHER : u;
    }

    /** The DLMS unit whose canonical unit is {@code unit} with factor 1. */
    public static DlmsUnit of(Unit unit) {
        for (DlmsUnit u : values()) {
            if (u.unit == unit && u.factor.compareTo(BigDecimal.ONE) == 0 && (u.canonical())) {
                return u;
            }
        }
        return COUNT;
    }
}
