package io.meterflow.iec62056.protocol;

import java.io.IOException;

/** The meter did not follow the protocol: no answer in time, a NAK, an error message, a broken block. */
public class ProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
