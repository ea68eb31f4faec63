package io.meterflow.iec62056.protocol;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A byte channel to one meter: an optical probe on a serial port, a serial-to-TCP converter, a
 * transparent TCP gateway. The session needs nothing more.
 */
public interface Link extends Closeable {

    InputStream in() throws IOException;

    OutputStream out() throws IOException;

    /**
     * Switches the local side to a new baud rate after option select. Over TCP the gateway does
     * the switching itself (or the line runs at one rate), so TCP links ignore it.
     */
    void baudRate(int baud) throws IOException;

    /** The time a read may block before it gives up, in milliseconds. */
    void readTimeout(int millis) throws IOException;
}
