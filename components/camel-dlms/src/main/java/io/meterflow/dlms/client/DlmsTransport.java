package io.meterflow.dlms.client;

import java.io.Closeable;
import java.io.IOException;

/** Carries APDUs between client and meter: one request, one response. */
public interface DlmsTransport extends Closeable {

    /** Opens the link (HDLC: SNRM/UA); nothing for the wrapper. */
    void open() throws IOException;

    /** Sends a request APDU and returns the response APDU. */
    byte[] exchange(byte[] request) throws IOException;

    /**
     * False when the link went down under the session (HDLC: DM, or FRMR and a link reset): the
     * association is gone and a release request would not be understood.
     */
    default boolean linkUp() {
        return true;
    }

    /** Closes the link (HDLC: DISC) and the connection. */
    @Override
    void close() throws IOException;
}
