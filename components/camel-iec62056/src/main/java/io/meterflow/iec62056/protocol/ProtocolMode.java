package io.meterflow.iec62056.protocol;

/** The protocol modes of IEC 62056-21. */
public enum ProtocolMode {
    /** Sign-on, identification, data at 300 Bd throughout. */
    A,
    /** As A, but the meter switches to the baud rate of its identification for the data. */
    B,
    /** Sign-on, identification, option select with baud-rate switch; readout or programming mode. */
    C,
    /** The meter sends its data on its own (push button, or continuously as a P1 port does). */
    D,
    /** As C, but the option select switches to HDLC (IEC 62056-46) and DLMS/COSEM. */
    E
}
