package io.meterflow.dlms.client;

import java.io.IOException;

/**
 * The meter's HDLC data link refused or dropped the connection: DM (disconnected mode) or FRMR
 * (frame reject). The application association does not survive either.
 */
public class HdlcLinkException extends IOException {

    private final String frame;

    public HdlcLinkException(String frame, String message) {
        super(message);
        this.frame = frame;
    }

    /** "DM" or "FRMR". */
    public String frame() {
        return frame;
    }
}
