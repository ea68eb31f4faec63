package io.meterflow.iec62056.readout;

/**
 * One parenthesised value of a data set, {@code (value*unit)}, exactly as the meter wrote it.
 *
 * @param value the characters before the '*', possibly empty; never null
 * @param unit  the characters after the '*', or null when there was no '*'
 */
public record DataValue(String value, String unit) {

    public DataValue {
        if (value == null) {
            throw new IllegalArgumentException("data value must not be null");
        }
    }

    /** True if the value is a plain decimal number such as {@code 00012.345} or {@code -1.5}. */
    public boolean isNumeric() {
        return Values.isDecimal(value);
    }

    /** The IEC 62056-21 text form {@code (value*unit)}. */
    @Override
    public String toString() {
        return "(" + value + (unit == null ? "" : "*" + unit) + ")";
    }
}
