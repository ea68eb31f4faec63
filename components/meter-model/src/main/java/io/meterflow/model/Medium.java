package io.meterflow.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a meter measures. The code is the stable lower-case name used in JSON, configuration and
 * device keys; renaming an enum constant must never change it.
 */
public enum Medium {
    ELECTRICITY("electricity", 1),
    GAS("gas", 7),
    /** Cold water; OBIS keeps hot water separate. */
    WATER("water", 8),
    HOT_WATER("hot_water", 9),
    HEAT("heat", 6),
    COOLING("cooling", 5),
    HEAT_COST_ALLOCATOR("heat_cost_allocator", 4),
    /** Anything else; OBIS A=0 is the "abstract objects" group, not tied to a medium. */
    OTHER("other", 0);

    private final String code;
    private final int obisA;

    Medium(String code, int obisA) {
        this.code = code;
        this.obisA = obisA;
    }

    /** The lower-case code, e.g. {@code hot_water}. */
    public String code() {
        return code;
    }

    /** The OBIS value group A of this medium, used to complete short OBIS codes. */
    public int obisA() {
        return obisA;
    }

    /**
     * The medium for a code or an enum name, ignoring case and surrounding whitespace.
     *
     * @throws IllegalArgumentException listing the accepted codes
     */
    public static Medium fromCode(String code) {
        if (code != null) {
            String wanted = code.strip();
            for (Medium medium : values()) {
                if (medium.code.equalsIgnoreCase(wanted) || medium.name().equalsIgnoreCase(wanted)) {
                    return medium;
                }
            }
        }
        throw new IllegalArgumentException("unknown medium " + (code == null ? "null" : '"' + code + '"')
                + "; accepted codes: " + Arrays.stream(values()).map(Medium::code).collect(Collectors.joining(", ")));
    }
}
