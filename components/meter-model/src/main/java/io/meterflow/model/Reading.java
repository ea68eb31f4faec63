package io.meterflow.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One value of one register, in a canonical {@link Unit}.
 *
 * <p>{@code register} is an OBIS code in its full form ({@code 1-0:1.8.0*255}, see
 * {@link ObisCode#toString()}) or, for protocols without OBIS codes, a stable protocol key such as
 * an M-Bus DIF/VIF key. Whatever it is, the same quantity of the same meter must always get the
 * same register string, because stored series are keyed by it.
 *
 * <p>{@code value} is exact and already scaled into {@code unit}. Equality of readings compares
 * values with {@link BigDecimal#equals}, so {@code 1.0} and {@code 1.00} differ: the number of
 * decimals is what the meter reported, and it is kept. A negative scale ({@code 1E+3}) is widened
 * to scale 0 so that the plain JSON form reads back into an equal reading.
 *
 * <p>{@code timestamp} may be {@code null}, meaning "at the time of the telegram it came in"; see
 * {@link #withTimestampIfMissing(Instant)}.
 *
 * @param register    OBIS code in full form or protocol key; not blank
 * @param value       exact value in {@code unit}; not null
 * @param unit        canonical unit; not null
 * @param timestamp   when the value was valid, or null for the telegram's time
 * @param quality     quality flags; null means none; stored as an unmodifiable copy
 * @param description human-readable label such as "Active energy import", or null
 */
public record Reading(String register, BigDecimal value, Unit unit, Instant timestamp,
                      Set<Quality> quality, String description) {

    /**
     * Largest number of digits before or after the decimal point a value may have. Far beyond any
     * meter, but it stops a value like {@code 1E+999999999} from being expanded into a billion digits.
     */
    public static final int MAX_DIGITS = 1000;

    public Reading {
        if (register == null || register.isBlank()) {
            throw new IllegalArgumentException("reading register must not be blank but was "
                    + (register == null ? "null" : '"' + register + '"'));
        }
        // Registers and descriptions are stored as text, which in PostgreSQL cannot hold U+0000: a
        // key with it is refused here, where the error names the reading, not at the database.
        if (register.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("reading register must not contain the character U+0000 but was \""
                    + register.replace("\0", "\\u0000") + '"');
        }
        if (description != null && description.indexOf('\0') >= 0) {
            description = description.replace("\0", "");
        }
        if (value == null) {
            throw new IllegalArgumentException("reading value of register " + register + " must not be null");
        }
        if (value.scale() > MAX_DIGITS || value.precision() - value.scale() > MAX_DIGITS) {
            throw new IllegalArgumentException("reading value of register " + register
                    + " has more than " + MAX_DIGITS + " digits before or after the decimal point");
        }
        if (value.scale() < 0) {
            value = value.setScale(0);
        }
        if (unit == null) {
            throw new IllegalArgumentException("reading unit of register " + register + " must not be null");
        }
        quality = copyOf(quality, register);
    }

    /** A reading without quality flags or description. */
    public static Reading of(String register, BigDecimal value, Unit unit, Instant timestamp) {
        return new Reading(register, value, unit, timestamp, null, null);
    }

    /** A reading of an OBIS register, stored under the code's full form. */
    public static Reading of(ObisCode register, BigDecimal value, Unit unit, Instant timestamp) {
        if (register == null) {
            throw new IllegalArgumentException("reading register must not be null");
        }
        return of(register.toString(), value, unit, timestamp);
    }

    /**
     * This reading if it already has a timestamp, otherwise a copy stamped with {@code timestamp}.
     * Decoders leave the time out for current values; the caller fills in the telegram's time.
     */
    public Reading withTimestampIfMissing(Instant timestamp) {
        if (this.timestamp != null || timestamp == null) {
            return this;
        }
        return new Reading(register, value, unit, timestamp, quality, description);
    }

    /** A copy with the given flag added to the existing ones. */
    public Reading withQuality(Quality flag) {
        if (flag == null) {
            throw new IllegalArgumentException("quality flag must not be null");
        }
        if (quality.contains(flag)) {
            return this;
        }
        EnumSet<Quality> flags = EnumSet.of(flag);
        flags.addAll(quality);
        return new Reading(register, value, unit, timestamp, flags, description);
    }

    /** The flags of a plain reading, shared: most readings have none. */
    private static final Set<Quality> NO_FLAGS = Collections.unmodifiableSet(EnumSet.noneOf(Quality.class));

    private static Set<Quality> copyOf(Collection<Quality> flags, String register) {
        if (flags == null || flags.isEmpty()) {
            return NO_FLAGS;
        }
        EnumSet<Quality> copy = EnumSet.noneOf(Quality.class);
        if (flags != null) {
            for (Quality flag : flags) {
                if (flag == null) {
                    throw new IllegalArgumentException("reading quality of register " + register
                            + " must not contain null");
                }
                copy.add(flag);
            }
        }
        return Collections.unmodifiableSet(copy);
    }
}
