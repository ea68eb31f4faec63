package io.meterflow.dlms.client;

import io.meterflow.dlms.wrapper.WrapperFrame;
import io.meterflow.model.DecodeException;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** APDUs in wrapper frames (IEC 62056-47) over a TCP connection. */
public class WrapperTransport implements DlmsTransport {

    private final String host;
    private final int port;
    private final int clientWport;
    private final int serverWport;
    private final int timeoutMillis;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;

    public WrapperTransport(String host, int port, int clientWport, int serverWport, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.clientWport = clientWport;
        this.serverWport = serverWport;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void open() throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    @Override
    public byte[] exchange(byte[] request) throws IOException {
        out.write(new WrapperFrame(WrapperFrame.VERSION, clientWport, serverWport, request).encode());
        out.flush();
        return read(in).apdu();
    }

    /** Reads one wrapper frame from a stream. */
    public static WrapperFrame read(DataInputStream in) throws IOException {
        byte[] header = new byte[WrapperFrame.HEADER_LENGTH];
        in.readFully(header);
        int total = WrapperFrame.frameLength(header);
        byte[] frame = new byte[total];
        System.arraycopy(header, 0, frame, 0, header.length);
        in.readFully(frame, header.length, total - header.length);
        try {
            return WrapperFrame.decode(frame);
        } catch (DecodeException e) {
            throw new IOException("bad wrapper frame: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
    }
}
