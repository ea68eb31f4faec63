package io.meterflow.iec62056.readout;

import java.util.List;

/**
 * A parsed readout or P1 telegram, before any interpretation: the identification, the data sets
 * as written, and how the transmission was protected.
 *
 * @param identification the identification line, or null for a bare data block
 * @param dataSets       the data sets in order
 * @param check          which check protected the data and whether it held
 * @param checkValue     the received BCC (2 hex digits) or CRC (4 hex digits), or null
 * @param endLine        the end line as received, e.g. {@code !} or {@code !6EEE}
 */
public record Readout(Identification identification, List<DataSet> dataSets, Check check, String checkValue,
                      String endLine) {

    /** The protection a readout came with. A failed check is never returned, it is an error. */
    public enum Check {
        /** Neither BCC nor CRC: mode D readouts, DSMR 2.2/3 telegrams, bare data lines. */
        NONE,
        /** STX ... ETX with a verified block check character (modes A to C). */
        BCC,
        /** A verified CRC16 after the '!' (DSMR 4 and later, many mode D meters). */
        CRC16
    }

    public Readout {
        dataSets = List.copyOf(dataSets);
    }

    /** The first data set whose address is exactly {@code address}, or null. */
    public DataSet find(String address) {
        for (DataSet ds : dataSets) {
            if (ds.address().equals(address)) {
                return ds;
            }
        }
        return null;
    }
}
