package io.meterflow.mbus.codec;

import io.meterflow.model.Unit;
import java.math.BigDecimal;

/**
 * What a VIF (with its extensions) says about a record's value: the quantity, its canonical unit,
 * the power of ten the raw number is scaled by, and a factor that converts the VIF's unit into the
 * canonical one (hours to seconds, bar to pascal, m3/min to m3/h).
 *
 * @param description quantity as EN 13757-3 names it, e.g. "Energy", "Flow temperature"
 * @param unit        canonical unit of the scaled value
 * @param exponent    power of ten the raw value is multiplied by
 * @param factor      exact conversion factor into {@code unit}
 * @param kind        how the data field is to be read
 */
public record ValueInformation(String description, Unit unit, int exponent, BigDecimal factor, Kind kind) {

    /** How the data field of a record is interpreted. */
    public enum Kind {
        /** A number in {@code unit}. */
        NUMBER,
        /** A date (type G) or date and time (types F, I); the meter's wall clock. */
        TIME_POINT,
        /** An identifier or label; numbers are kept as numbers, text as text. */
        IDENTIFIER,
        /** The VIF is manufacturer specific; the value is kept as it came. */
        MANUFACTURER
    }

    static ValueInformation number(String description, Unit unit, int exponent) {
        return new ValueInformation(description, unit, exponent, BigDecimal.ONE, Kind.NUMBER);
    }

    static ValueInformation number(String description, Unit unit, int exponent, BigDecimal factor) {
        return new ValueInformation(description, unit, exponent, factor, Kind.NUMBER);
    }

    static ValueInformation plain(String description) {
        return new ValueInformation(description, Unit.NONE, 0, BigDecimal.ONE, Kind.NUMBER);
    }

    static ValueInformation id(String description) {
        return new ValueInformation(description, Unit.NONE, 0, BigDecimal.ONE, Kind.IDENTIFIER);
    }

    ValueInformation withDescription(String text) {
        return new ValueInformation(text, unit, exponent, factor, kind);
    }

    ValueInformation scaled(int extraExponent) {
        return new ValueInformation(description, unit, exponent + extraExponent, factor, kind);
    }

    ValueInformation withUnit(Unit newUnit, String text) {
        return new ValueInformation(text, newUnit, exponent, factor, kind);
    }
}
