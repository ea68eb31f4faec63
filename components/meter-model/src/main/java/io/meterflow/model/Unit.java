package io.meterflow.model;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The canonical units readings are stored in.
 *
 * <p>Every protocol reports in its own scale (M-Bus in 10^n Wh, IEC displays in kWh, people in
 * MWh). Meterflow keeps one unprefixed unit per quantity so that values of the same register
 * from different meters add up without further thought; {@link #normalize(String)} turns what
 * was written into that unit plus the exact factor to multiply by.
 *
 * <p>Heat energy given in joules stays in joules: converting J to Wh needs a division by 3600
 * that has no finite decimal form, and readings must stay exact.
 */
public enum Unit {
    /** Active energy. */
    WATT_HOUR("Wh"),
    /** Active power. */
    WATT("W"),
    /** Reactive energy. */
    VAR_HOUR("varh"),
    /** Reactive power. */
    VAR("var"),
    /** Apparent energy. */
    VOLT_AMPERE_HOUR("VAh"),
    /** Apparent power. */
    VOLT_AMPERE("VA"),
    VOLT("V"),
    AMPERE("A"),
    HERTZ("Hz"),
    /** Volume of gas, water and heat-carrier fluid. */
    CUBIC_METRE("m3"),
    /** Volume flow. */
    CUBIC_METRE_PER_HOUR("m3/h"),
    /** Flow and return temperatures. */
    DEGREE_CELSIUS("degC"),
    /** Temperature differences (heat meters report flow/return difference in K). */
    KELVIN("K"),
    /** Durations such as operating time or on-time since the last error. */
    SECOND("s"),
    /** Heat energy as heat meters often report it (MJ, GJ). */
    JOULE("J"),
    PERCENT("%"),
    /** Dimensionless values: counts, power factor, status words, heat cost allocator units. */
    NONE(""),
    KILOGRAM("kg"),
    /** Pressure, e.g. gas line pressure. */
    PASCAL("Pa"),
    /** Phase angles. */
    DEGREE("deg");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    /** The canonical symbol, as written in the JSON form of readings (e.g. {@code Wh}). */
    public String symbol() {
        return symbol;
    }

    /**
     * A unit plus the factor that brings a value written in some other spelling or scale into
     * it: {@code canonicalValue = value × factor}.
     */
    public record Conversion(Unit unit, BigDecimal factor) {
        public Conversion {
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(factor, "factor");
            if (factor.signum() <= 0) {
                throw new IllegalArgumentException("conversion factor must be positive but was " + factor);
            }
        }

        /** The value expressed in {@link #unit()}; exact, no rounding. */
        public BigDecimal apply(BigDecimal value) {
            return value.multiply(factor);
        }
    }

    private static final Map<String, Unit> BY_SYMBOL = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Unit::symbol, u -> u));

    /** Spellings accepted by {@link #normalize(String)}, exact case, in documentation order. */
    private static final Map<String, Conversion> SPELLINGS = buildSpellings();

    /**
     * The same spellings keyed by lower case, for people who write {@code KWH}. A {@code null}
     * value marks a folded key that two different spellings share, which is never guessed.
     */
    private static final Map<String, String> FOLDED = buildFolded();

    /**
     * The unit whose canonical symbol is exactly the given text.
     *
     * @throws IllegalArgumentException naming the accepted symbols
     */
    public static Unit fromSymbol(String symbol) {
        Unit unit = symbol == null ? null : BY_SYMBOL.get(symbol);
        if (unit == null) {
            throw new IllegalArgumentException("unknown unit symbol " + quote(symbol)
                    + "; accepted symbols: " + acceptedSymbols());
        }
        return unit;
    }

    /**
     * Reads a unit as meters and people write it: {@code kWh}, {@code MWh}, {@code kVArh},
     * {@code m³}, {@code l/h}, {@code °C}, {@code GJ}, ... Surrounding whitespace is ignored and
     * an empty text means {@link #NONE}.
     *
     * <p>Case is used as written first. When that finds nothing, case is ignored, except where it
     * would change an SI prefix: {@code mWh} or {@code MA} are rejected rather than read as
     * megawatt-hours or milliamperes, because a guess there is off by a factor of 10^9.
     *
     * @throws IllegalArgumentException naming the text when it is not understood
     */
    public static Conversion normalize(String unitText) {
        if (unitText == null) {
            throw new IllegalArgumentException("unit text is null");
        }
        String text = unitText.strip();
        Conversion exact = SPELLINGS.get(text);
        if (exact != null) {
            return exact;
        }
        String folded = text.toLowerCase(Locale.ROOT);
        if (FOLDED.containsKey(folded)) {
            String spelling = FOLDED.get(folded);
            if (spelling == null) {
                throw new IllegalArgumentException("ambiguous unit " + quote(unitText)
                        + "; write it with the exact case");
            }
            if (changesPrefix(text, spelling)) {
                throw new IllegalArgumentException("ambiguous unit " + quote(unitText)
                        + ": 'm' is milli and 'M' is mega; did you mean \"" + spelling + "\"?");
            }
            return SPELLINGS.get(spelling);
        }
        throw new IllegalArgumentException("unknown unit " + quote(unitText)
                + "; accepted spellings: " + String.join(", ", SPELLINGS.keySet()));
    }

    /** Every accepted input spelling of {@link #normalize(String)}, mapped to its conversion. */
    public static Map<String, Conversion> spellings() {
        return SPELLINGS;
    }

    /** True if reading {@code text} as {@code spelling} would flip an m/M prefix. */
    private static boolean changesPrefix(String text, String spelling) {
        char first = spelling.charAt(0);
        if ((first != 'm' && first != 'M') || text.charAt(0) == first || spelling.length() < 2) {
            return false;
        }
        // Only a prefix if what follows is itself a unit: "MWh" is M+Wh, while "m3" or "min" is not.
        return FOLDED.containsKey(spelling.substring(1).toLowerCase(Locale.ROOT));
    }

    private static Map<String, Conversion> buildSpellings() {
        Map<String, Conversion> m = new LinkedHashMap<>();
        prefixed(m, WATT_HOUR, "Wh");
        prefixed(m, WATT, "W");
        prefixed(m, VAR_HOUR, "varh", "VArh", "Varh");
        prefixed(m, VAR, "var", "VAr", "Var");
        prefixed(m, VOLT_AMPERE_HOUR, "VAh");
        prefixed(m, VOLT_AMPERE, "VA");
        put(m, VOLT, "1", "V");
        put(m, VOLT, "1000", "kV");
        put(m, VOLT, "0.001", "mV");
        put(m, AMPERE, "1", "A");
        put(m, AMPERE, "1000", "kA");
        put(m, AMPERE, "0.001", "mA");
        put(m, HERTZ, "1", "Hz");
        put(m, HERTZ, "1000", "kHz");
        put(m, CUBIC_METRE, "1", "m3", "m³");
        put(m, CUBIC_METRE, "0.001", "l", "L", "dm3", "dm³");
        put(m, CUBIC_METRE_PER_HOUR, "1", "m3/h", "m³/h");
        put(m, CUBIC_METRE_PER_HOUR, "0.001", "l/h", "L/h");
        put(m, CUBIC_METRE_PER_HOUR, "60", "m3/min", "m³/min");
        put(m, CUBIC_METRE_PER_HOUR, "0.06", "l/min", "L/min");
        put(m, CUBIC_METRE_PER_HOUR, "3600", "m3/s", "m³/s");
        put(m, DEGREE_CELSIUS, "1", "degC", "°C", "℃", "C");
        put(m, KELVIN, "1", "K");
        put(m, SECOND, "1", "s");
        put(m, SECOND, "60", "min");
        put(m, SECOND, "3600", "h");
        put(m, SECOND, "86400", "d");
        put(m, JOULE, "1", "J");
        put(m, JOULE, "1000", "kJ");
        put(m, JOULE, "1000000", "MJ");
        put(m, JOULE, "1000000000", "GJ");
        put(m, PERCENT, "1", "%");
        put(m, NONE, "1", "");
        put(m, KILOGRAM, "1", "kg");
        put(m, KILOGRAM, "0.001", "g");
        put(m, KILOGRAM, "1000", "t");
        put(m, PASCAL, "1", "Pa");
        put(m, PASCAL, "100", "hPa");
        put(m, PASCAL, "1000", "kPa");
        put(m, PASCAL, "100000", "bar");
        put(m, PASCAL, "100", "mbar");
        put(m, DEGREE, "1", "deg", "°");
        return Collections.unmodifiableMap(m);
    }

    /** Adds the plain, kilo, mega and giga forms of an energy or power unit. */
    private static void prefixed(Map<String, Conversion> m, Unit unit, String... bases) {
        String[][] prefixes = {{"", "1"}, {"k", "1000"}, {"M", "1000000"}, {"G", "1000000000"}};
        for (String[] prefix : prefixes) {
            for (String base : bases) {
                put(m, unit, prefix[1], prefix[0] + base);
            }
        }
    }

    private static void put(Map<String, Conversion> m, Unit unit, String factor, String... spellings) {
        Conversion conversion = new Conversion(unit, new BigDecimal(factor));
        for (String spelling : spellings) {
            if (m.put(spelling, conversion) != null) {
                throw new IllegalStateException("unit spelling listed twice: " + spelling);
            }
        }
    }

    private static Map<String, String> buildFolded() {
        Map<String, String> folded = new HashMap<>();
        for (Map.Entry<String, Conversion> entry : SPELLINGS.entrySet()) {
            String key = entry.getKey().toLowerCase(Locale.ROOT);
            if (folded.containsKey(key)) {
                String earlier = folded.get(key);
                if (earlier != null && !SPELLINGS.get(earlier).equals(entry.getValue())) {
                    folded.put(key, null);
                }
            } else {
                folded.put(key, entry.getKey());
            }
        }
        return Collections.unmodifiableMap(folded);
    }

    private static String acceptedSymbols() {
        return Arrays.stream(values()).map(u -> '"' + u.symbol + '"').collect(Collectors.joining(", "));
    }

    private static String quote(String s) {
        return s == null ? "null" : '"' + s + '"';
    }
}
