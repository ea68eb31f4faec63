package io.meterflow.iec62056.readout;

import java.util.List;

/**
 * One data set of a readout: an address (an OBIS code in full or reduced form, or a
 * manufacturer's code) followed by one or more values. Meters write several values for profiles,
 * logs and "value with time stamp" objects, e.g. {@code 1-0:1.6.0(200509134558S)(02.589*kW)}.
 *
 * @param address the characters before the first '(' as written
 * @param values  the values in order; never empty
 * @param offset  character offset of the address in the text it was parsed from
 */
public record DataSet(String address, List<DataValue> values, int offset) {

    public DataSet {
        if (address == null || address.isEmpty()) {
            throw new IllegalArgumentException("data set address must not be empty");
        }
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("data set " + address + " has no value");
        }
    }

    public DataSet(String address, List<DataValue> values) {
        this(address, values, 0);
    }

    /** The first value; the only one for ordinary registers. */
    public DataValue first() {
        return values.get(0);
    }

    /** The last value; for "time stamp then value" objects this is the value. */
    public DataValue last() {
        return values.get(values.size() - 1);
    }

    /** The IEC 62056-21 text form, e.g. {@code 1.8.0(000123.4*kWh)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(address);
        for (DataValue v : values) {
            sb.append(v);
        }
        return sb.toString();
    }
}
