package io.meterflow.dlms.client;

/** A meter refused or could not serve a request (association rejected, access denied, ...). */
public class DlmsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DlmsException(String message) {
        super(message);
    }

    public DlmsException(String message, Throwable cause) {
        super(message, cause);
    }
}
