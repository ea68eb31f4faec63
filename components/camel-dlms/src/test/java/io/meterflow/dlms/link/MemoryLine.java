package io.meterflow.dlms.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A full-duplex in-memory line standing in for a serial cable: what one end writes, the other
 * reads. Reads wait at most the timeout and then fail as a serial or socket read does; closing
 * an end makes the other end's reads see the end of the stream.
 */
public final class MemoryLine {

    private final Pipe toMeter = new Pipe();
    private final Pipe toHeadEnd = new Pipe();
    private final int timeoutMillis;

    public MemoryLine(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** The head-end's end (the client or push listener). */
    public StreamLink headEnd() {
        return new StreamLink(toHeadEnd.in(timeoutMillis), toMeter.out(), "memory-line");
    }

    /** The meter's input. */
    public InputStream meterIn() {
        return toMeter.in(0);
    }

    /** The meter's output. */
    public OutputStream meterOut() {
        return toHeadEnd.out();
    }

    private static final class Pipe {
        private static final byte[] END = new byte[0];
        private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();

        InputStream in(int timeoutMillis) {
            return new InputStream() {
                private byte[] current = new byte[0];
                private int pos;
                private boolean ended;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (len == 0) {
                        return 0;
                    }
                    while (pos >= current.length) {
                        if (ended) {
                            return -1;
                        }
                        byte[] next;
                        try {
                            next = timeoutMillis > 0 ? chunks.poll(timeoutMillis, TimeUnit.MILLISECONDS) : chunks.take();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new java.io.InterruptedIOException("interrupted");
                        }
                        if (next == null) {
                            throw new SocketTimeoutException("nothing received within " + timeoutMillis + " ms");
                        }
                        if (next == END) {
                            ended = true;
                            return -1;
                        }
                        current = next;
                        pos = 0;
                    }
                    int n = Math.min(len, current.length - pos);
                    System.arraycopy(current, pos, b, off, n);
                    pos += n;
                    return n;
                }

                @Override
                public int available() {
                    return current.length - pos;
                }

                @Override
                public void close() {
                    chunks.add(END);
                }
            };
        }

        OutputStream out() {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    chunks.add(new byte[] {(byte) b});
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    chunks.add(java.util.Arrays.copyOfRange(b, off, off + len));
                }

                @Override
                public void close() {
                    chunks.add(END);
                }
            };
        }
    }
}
