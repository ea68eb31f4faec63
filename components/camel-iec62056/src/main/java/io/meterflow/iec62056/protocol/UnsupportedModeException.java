package io.meterflow.iec62056.protocol;

/**
 * Mode E switches the line to HDLC and DLMS/COSEM, which this component does not speak. The
 * camel-dlms component reads such meters: point a {@code dlms} endpoint at the same link.
 */
public class UnsupportedModeException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    public UnsupportedModeException(String message) {
        super(message);
    }

    public static UnsupportedModeException modeE() {
        return new UnsupportedModeException("IEC 62056-21 mode E (HDLC, DLMS/COSEM) is not handled by the iec62056 "
                + "component; read this meter with the DLMS component (camel-dlms, a dlms: endpoint) instead");
    }
}
