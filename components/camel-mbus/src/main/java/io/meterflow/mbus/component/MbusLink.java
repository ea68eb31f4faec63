package io.meterflow.mbus.component;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One connection to the bus (here: a TCP socket to a transparent M-Bus gateway) that sends
 * frames and reads back whole link-layer frames, telling "no answer" (timeout) from "damaged
 * answer" (collision or noise).
 */
public class MbusLink implements Closeable {

    /** What came back for a request. */
    public sealed interface Answer permits Answer.Silence, Answer.Garbled, Answer.Received {
        /** Nothing within the timeout. */
        record Silence() implements Answer { }
        /** Bytes that are not a frame: two meters answered at once, or line noise. */
        record Garbled(byte[] bytes) implements Answer { }
        /** A frame: E5, a short frame or a long frame (not yet checked). */
        record Received(byte[] frame) implements Answer { }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public MbusLink(String host, int port, int connectTimeout, int timeout) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), connectTimeout);
        socket.setSoTimeout(timeout);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public void send(byte[] frame) throws IOException {
        // Answers to an earlier request that came after its timeout must not be taken for this one.
        while (in.available() > 0) {
            in.skip(in.available());
        }
        out.write(frame);
        out.flush();
    }

    public Answer receive() throws IOException {
        int first;
        try {
            first = in.read();
        } catch (SocketTimeoutException e) {
            return new Answer.Silence();
        }
        if (first < 0) {
            throw new IOException("the gateway closed the connection");
        }
        try {
            if (first == 0xE5) {
                return new Answer.Received(new byte[] {(byte) 0xE5});
            }
            if (first == 0x10) {
                return new Answer.Received(concat(first, readN(4)));
            }
            if (first == 0x68) {
                byte[] head = readN(3);
                if (head[0] != head[1] || head[2] != 0x68) {
                    return new Answer.Garbled(concat(first, head));
                }
                byte[] rest = readN((head[0] & 0xFF) + 2);
                return new Answer.Received(concat(first, concat(head, rest)));
            }
        } catch (SocketTimeoutException e) {
            return new Answer.Garbled(new byte[] {(byte) first});
        }
        return new Answer.Garbled(new byte[] {(byte) first});
    }

    private byte[] readN(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new IOException("the gateway closed the connection inside a frame");
        }
        return b;
    }

    private static byte[] concat(int first, byte[] rest) {
        return concat(new byte[] {(byte) first}, rest);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(a.length + b.length);
        o.write(a, 0, a.length);
        o.write(b, 0, b.length);
        return o.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
