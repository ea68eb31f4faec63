package io.meterflow.dlms.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A link over a given stream pair: a serial port opened elsewhere, an optical probe driver, or an
 * in-memory line in tests. Closing it closes both streams.
 */
public class StreamLink implements ByteLink {

    private final InputStream in;
    private final OutputStream out;
    private final String name;
    private volatile boolean closed;

    public StreamLink(InputStream in, OutputStream out, String name) {
        this.in = in;
        this.out = out;
        this.name = name;
    }

    @Override
    public void open() {
        closed = false;
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            out.close();
        } finally {
            in.close();
        }
    }
}
