package io.meterflow.dlms.link;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A byte stream to a meter: a TCP connection, a serial port, or any stream pair. HDLC framing and
 * the HDLC session run on top of it and do not care which one it is.
 */
public interface ByteLink extends Closeable {

    /** Connects (TCP) or opens the port (serial); reads then block at most the link's timeout. */
    void open() throws IOException;

    /** What is read from the meter; valid after {@link #open()}. */
    InputStream input() throws IOException;

    /** What is written to the meter; valid after {@link #open()}. */
    OutputStream output() throws IOException;

    /** True once closed (or never opened). */
    boolean isClosed();

    /** For messages: host:port or the port name. */
    String describe();
}
