package io.meterflow.dlms.server;

import io.meterflow.dlms.apdu.CipheredApdu;
import io.meterflow.dlms.apdu.DataNotification;
import io.meterflow.dlms.client.HdlcTransport;
import io.meterflow.dlms.client.WrapperTransport;
import io.meterflow.dlms.hdlc.FrameReject;
import io.meterflow.dlms.hdlc.HdlcAddress;
import io.meterflow.dlms.hdlc.HdlcFrame;
import io.meterflow.dlms.hdlc.HdlcFrameReader;
import io.meterflow.dlms.hdlc.HdlcParameters;
import io.meterflow.dlms.wrapper.WrapperFrame;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A DLMS/COSEM meter simulator: a server with logical name referencing, the security options of
 * {@link ServerSettings}, the objects of {@link CosemObjects}, over TCP with the wrapper or with
 * HDLC, and data-notification pushes over UDP or TCP. For client tests and load tests.
 */
public class MeterSimulator implements Closeable {

    private final ServerSettings settings;
    private final CosemObjects objects;
    private final boolean hdlc;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dlms-meter-simulator");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong pushCounter = new AtomicLong(1);
    private ServerSocket server;

    /** @param hdlc true for HDLC over TCP, false for the wrapper */
    public MeterSimulator(ServerSettings settings, CosemObjects objects, boolean hdlc) {
        this.settings = settings;
        this.objects = objects;
        this.hdlc = hdlc;
    }

    public CosemObjects objects() {
        return objects;
    }

    /** Listens on a free local port and returns it. */
    public int start() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::acceptLoop);
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(30_000);
            ServerSession session = new ServerSession(settings, objects);
            if (hdlc) {
                serveHdlc(session, s.getInputStream(), s.getOutputStream());
            } else {
                serveWrapper(session, s.getInputStream(), s.getOutputStream());
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or sent garbage: the session ends, as a meter's would
        }
    }

    /**
     * Serves wrapper frames (IEC 62056-47) on a stream pair for one meter, as on one TCP
     * connection, until the client closes it. For a server of its own that picks the meter per
     * connection, such as a farm of simulated meters behind one port.
     *
     * @throws IOException when the stream fails other than by ending
     */
    public static void serveWrapper(ServerSettings settings, CosemObjects objects, InputStream stream, OutputStream out)
            throws IOException {
        serveWrapper(new ServerSession(settings, objects), stream, out);
    }

    private static void serveWrapper(ServerSession session, InputStream stream, OutputStream out) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        while (true) {
            WrapperFrame request;
            try {
                request = WrapperTransport.read(in);
            } catch (java.io.EOFException closed) {
                return;
            }
            byte[] response = session.handle(request.apdu());
            out.write(new WrapperFrame(WrapperFrame.VERSION, request.destinationWport(), request.sourceWport(),
                    response).encode());
            out.flush();
        }
    }

    /**
     * Serves HDLC on a stream pair, as a meter does on its serial port: one association after
     * another (each ended by DISC) until the stream ends. Returns when the line is closed.
     */
    public void serveHdlc(InputStream stream, OutputStream out) {
        HdlcFrameReader in = new HdlcFrameReader(stream);
        try {
            while (true) {
                serveHdlc(new ServerSession(settings, objects), in, out);
            }
        } catch (IOException | RuntimeException e) {
            // the line was closed
        }
    }

    private void serveHdlc(ServerSession session, InputStream stream, OutputStream out) throws IOException {
        serveHdlc(session, new HdlcFrameReader(stream), out);
    }

    private void serveHdlc(ServerSession session, HdlcFrameReader in, OutputStream out) throws IOException {
        int sendSequence = 0;
        int receiveSequence = 0;
        int sendLimit = HdlcTransport.MAX_INFO;
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        // the last I frame sent: sent again when the client polls for it or repeats its request
        HdlcFrame lastSent = null;
        while (true) {
            HdlcFrame f = in.next();
            HdlcAddress me = f.destination();
            HdlcAddress client = f.source();
            if (f.kind() == HdlcFrame.Kind.I && lastSent != null && f.sendSequence() != receiveSequence) {
                // a request we answered already (our answer was lost): answer again, do not run it twice
                out.write(lastSent.encode());
                out.flush();
                continue;
            }
            switch (f.kind()) {
                case RR -> {
                    if (lastSent != null && f.receiveSequence() == lastSent.sendSequence()) {
                        out.write(lastSent.encode());
                    } else {
                        out.write(new HdlcFrame(false, client, me, HdlcFrame.controlRr(receiveSequence, true), null)
                                .encode());
                    }
                }
                case SNRM -> {
                    sendSequence = 0;
                    receiveSequence = 0;
                    lastSent = null;
                    HdlcParameters proposed = HdlcParameters.decode(f.information());
                    // answer with the smaller of the client's receive limit and ours
                    sendLimit = Math.min(proposed.maxInfoReceive(), HdlcTransport.MAX_INFO);
                    out.write(new HdlcFrame(false, client, me, HdlcFrame.UA, new HdlcParameters(sendLimit,
                            HdlcTransport.MAX_INFO, 1, 1).encode()).encode());
                }
                case DISC -> {
                    out.write(new HdlcFrame(false, client, me, HdlcFrame.UA, null).encode());
                    out.flush();
                    return;
                }
                case I -> {
                    receiveSequence = (f.sendSequence() + 1) & 7;
                    request.writeBytes(f.information());
                    if (f.segmented()) {
                        out.write(new HdlcFrame(false, client, me, HdlcFrame.controlRr(receiveSequence, true), null)
                                .encode());
                        break;
                    }
                    byte[] info = request.toByteArray();
                    request.reset();
                    byte[] response = session.handle(Arrays.copyOfRange(info, 3, info.length));
                    byte[] llc = new byte[response.length + 3];
                    llc[0] = (byte) 0xE6;
                    llc[1] = (byte) 0xE7;
                    System.arraycopy(response, 0, llc, 3, response.length);
                    for (int off = 0; off < llc.length; off += sendLimit) {
                        int end = Math.min(llc.length, off + sendLimit);
                        boolean more = end < llc.length;
                        lastSent = new HdlcFrame(more, client, me, HdlcFrame.controlI(sendSequence, receiveSequence, true),
                                Arrays.copyOfRange(llc, off, end));
                        out.write(lastSent.encode());
                        out.flush();
                        sendSequence = (sendSequence + 1) & 7;
                        if (more) {
                            HdlcFrame rr = in.next();
                            // an RR whose N(R) does not acknowledge the segment asks for it again
                            while (rr.kind() == HdlcFrame.Kind.RR && rr.receiveSequence() != sendSequence) {
                                out.write(lastSent.encode());
                                out.flush();
                                rr = in.next();
                            }
                            if (rr.kind() != HdlcFrame.Kind.RR) {
                                throw new IOException("expected RR, got " + rr.kind());
                            }
                        }
                    }
                }
                // a frame this station does not implement: frame reject, W bit (IEC 62056-46)
                default -> out.write(new HdlcFrame(false, client, me, HdlcFrame.FRMR, new FrameReject(f.control(),
                        sendSequence, receiveSequence, false, true, false, false, false).encode()).encode());
            }
            out.flush();
        }
    }

    /**
     * A data-notification with the meter's registers (self-describing) and clock, optionally
     * general-glo-ciphered with the meter's keys, in a wrapper frame.
     */
    public byte[] pushFrame(boolean ciphered) {
        byte[] apdu = new DataNotification(0x40000000L | pushCounter.get(), objects.now(), objects.pushBody()).encode();
        if (ciphered) {
            apdu = CipheredApdu.general(false, settings.systemTitle(), 0x30, pushCounter.getAndIncrement(), apdu,
                    settings.encryptionKey(), settings.authenticationKey()).encode();
        } else {
            pushCounter.incrementAndGet();
        }
        return new WrapperFrame(WrapperFrame.VERSION, 1, 1, apdu).encode();
    }

    /** Sends a push over UDP. */
    public void pushUdp(String host, int port, boolean ciphered) throws IOException {
        byte[] frame = pushFrame(ciphered);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(frame, frame.length, new InetSocketAddress(host, port)));
        }
    }

    /** Sends a push over a new TCP connection. */
    public void pushTcp(String host, int port, boolean ciphered) throws IOException {
        try (Socket s = new Socket(host, port)) {
            s.getOutputStream().write(pushFrame(ciphered));
            s.getOutputStream().flush();
        }
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // closing a listening socket that is already closed
        }
        threads.shutdownNow();
    }

}
