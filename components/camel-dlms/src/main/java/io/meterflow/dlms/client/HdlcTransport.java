package io.meterflow.dlms.client;

import io.meterflow.dlms.hdlc.HdlcAddress;
import io.meterflow.dlms.hdlc.HdlcFrame;
import io.meterflow.dlms.hdlc.HdlcFrameReader;
import io.meterflow.dlms.hdlc.HdlcParameters;
import io.meterflow.model.DecodeException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/**
 * APDUs over HDLC (IEC 62056-46) on a byte stream: a TCP connection to the meter or to a
 * serial-to-TCP converter. Requests carry the LLC header {@code E6 E6 00}; long information
 * fields are segmented, and segmented responses are acknowledged with RR.
 */
public class HdlcTransport implements DlmsTransport {

    /** Largest information field sent or accepted per frame without negotiation (the IEC 62056-46 default). */
    public static final int MAX_INFO = 128;

    private final String host;
    private final int port;
    private final HdlcAddress client;
    private final HdlcAddress server;
    private final int timeoutMillis;
    private Socket socket;
    private HdlcFrameReader in;
    private OutputStream out;
    private int sendSequence;
    private int receiveSequence;
    private int sendLimit = MAX_INFO;

    public HdlcTransport(String host, int port, int clientAddress, int serverLogical, int serverPhysical,
                         int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.client = HdlcAddress.client(clientAddress);
        this.server = HdlcAddress.server(serverLogical, serverPhysical);
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void open() throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        in = new HdlcFrameReader(socket.getInputStream());
        out = socket.getOutputStream();
        send(new HdlcFrame(false, server, client, HdlcFrame.SNRM, HdlcParameters.DEFAULT.encode()));
        HdlcFrame ua = receive();
        if (ua.kind() != HdlcFrame.Kind.UA) {
            throw new IOException("meter answered SNRM with " + ua.kind());
        }
        try {
            // the meter's receive limit bounds our segments; we never announce more than the default
            sendLimit = Math.max(16, Math.min(HdlcParameters.decode(ua.information()).maxInfoReceive(), 0x7F0));
        } catch (DecodeException e) {
            throw new IOException("bad HDLC parameters in UA: " + e.getMessage(), e);
        }
        sendSequence = 0;
        receiveSequence = 0;
    }

    @Override
    public byte[] exchange(byte[] request) throws IOException {
        byte[] info = new byte[request.length + 3];
        info[0] = (byte) 0xE6;
        info[1] = (byte) 0xE6;
        System.arraycopy(request, 0, info, 3, request.length);
        for (int off = 0; off < info.length; off += sendLimit) {
            int end = Math.min(info.length, off + sendLimit);
            boolean more = end < info.length;
            send(new HdlcFrame(more, server, client, HdlcFrame.controlI(sendSequence, receiveSequence, true),
                    Arrays.copyOfRange(info, off, end)));
            sendSequence = (sendSequence + 1) & 7;
            if (more) {
                HdlcFrame rr = receive();
                if (rr.kind() != HdlcFrame.Kind.RR) {
                    throw new IOException("expected RR between segments but got " + rr.kind());
                }
            }
        }
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        while (true) {
            HdlcFrame f = receive();
            if (f.kind() != HdlcFrame.Kind.I) {
                throw new IOException("expected an I frame but got " + f.kind());
            }
            receiveSequence = (f.sendSequence() + 1) & 7;
            response.writeBytes(f.information());
            if (!f.segmented()) {
                break;
            }
            send(new HdlcFrame(false, server, client, HdlcFrame.controlRr(receiveSequence, true), null));
        }
        byte[] r = response.toByteArray();
        if (r.length < 3 || (r[0] & 0xFF) != 0xE6 || (r[1] & 0xFF) != 0xE7) {
            throw new IOException("response without LLC header E6 E7 00");
        }
        return Arrays.copyOfRange(r, 3, r.length);
    }

    private void send(HdlcFrame f) throws IOException {
        out.write(f.encode());
        out.flush();
    }

    private HdlcFrame receive() throws IOException {
        return in.next();
    }

    @Override
    public void close() throws IOException {
        if (socket == null) {
            return;
        }
        try {
            if (!socket.isClosed()) {
                send(new HdlcFrame(false, server, client, HdlcFrame.DISC, null));
                receive();
            }
        } catch (IOException ignored) {
            // the meter may drop the line instead of answering DISC; the socket is closed anyway
        } finally {
            socket.close();
        }
    }
}
