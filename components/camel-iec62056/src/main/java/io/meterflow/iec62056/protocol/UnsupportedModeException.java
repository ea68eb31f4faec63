package io.meterflow.iec62056.protocol;

/**
 * Mode E switches the line to HDLC and DLMS/COSEM, which this component does not read out:
 * {@link Iec62056Session#switchToHdlc()} hands the link to a DLMS client (camel-dlms; the hub's
 * DLMS poller does this for meters with addressing transport {@code iec62056-e}).
 */
public class UnsupportedModeException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    public UnsupportedModeException(String message) {
        super(message);
    }

    public static UnsupportedModeException modeE() {
        return new UnsupportedModeException("IEC 62056-21 mode E (HDLC, DLMS/COSEM) is not read out by the iec62056 "
                + "component; read this meter with the DLMS component (camel-dlms), which takes the link after the switch to HDLC");
    }
}
