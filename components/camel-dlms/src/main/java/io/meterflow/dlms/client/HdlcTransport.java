package io.meterflow.dlms.client;

import io.meterflow.dlms.hdlc.FrameReject;
import io.meterflow.dlms.hdlc.HdlcAddress;
import io.meterflow.dlms.hdlc.HdlcFrame;
import io.meterflow.dlms.hdlc.HdlcFrameReader;
import io.meterflow.dlms.hdlc.HdlcParameters;
import io.meterflow.dlms.link.ByteLink;
import io.meterflow.dlms.link.TcpLink;
import io.meterflow.model.DecodeException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * APDUs over HDLC (IEC 62056-46) on a byte stream ({@link ByteLink}): a TCP connection to the
 * meter or to a serial-to-TCP converter, or a serial port. Requests carry the LLC header
 * {@code E6 E6 00}; long information fields are segmented, and segmented responses are
 * acknowledged with RR. Window size 1.
 *
 * <p>DM and FRMR from the meter end the exchange with an {@link HdlcLinkException}. After FRMR
 * the meter stays in frame-reject condition until the primary station resets the link, so the
 * link is reset with SNRM before the exception is thrown (the association is lost all the same).
 * When the meter's RR shows that it did not receive the I frame just sent, that frame is sent
 * again, at most {@link #MAX_RETRANSMISSIONS} times; when nothing comes back within the link's
 * timeout, the meter is polled with RR.
 */
public class HdlcTransport implements DlmsTransport {

    /** Largest information field sent or accepted per frame without negotiation (the IEC 62056-46 default). */
    public static final int MAX_INFO = 128;
    public static final int MAX_RETRANSMISSIONS = 3;

    private final ByteLink link;
    private final HdlcAddress client;
    private final HdlcAddress server;
    private HdlcFrameReader in;
    private OutputStream out;
    private int sendSequence;
    private int receiveSequence;
    private int sendLimit = MAX_INFO;
    private boolean connected;
    private boolean associationLost;

    public HdlcTransport(String host, int port, int clientAddress, int serverLogical, int serverPhysical,
                         int timeoutMillis) {
        this(new TcpLink(host, port, timeoutMillis), clientAddress, serverLogical, serverPhysical);
    }

    /** HDLC on any byte link; the link's own timeout bounds each wait for a frame. */
    public HdlcTransport(ByteLink link, int clientAddress, int serverLogical, int serverPhysical) {
        this.link = link;
        this.client = HdlcAddress.client(clientAddress);
        this.server = HdlcAddress.server(serverLogical, serverPhysical);
    }

    @Override
    public void open() throws IOException {
        link.open();
        in = new HdlcFrameReader(link.input());
        out = link.output();
        connect();
    }

    /** SNRM/UA: sets up (or resets) the data link and its sequence numbers. */
    private void connect() throws IOException {
        connected = false;
        send(new HdlcFrame(false, server, client, HdlcFrame.SNRM, HdlcParameters.DEFAULT.encode()));
        HdlcFrame ua = receive();
        if (ua.kind() == HdlcFrame.Kind.DM) {
            throw new HdlcLinkException("DM", "meter on " + link.describe() + " answered SNRM with DM (disconnected"
                    + " mode): it refuses the link; check the server and client addresses, or another client holds the meter");
        }
        if (ua.kind() == HdlcFrame.Kind.FRMR) {
            FrameReject r = FrameReject.decode(ua.information());
            throw new HdlcLinkException("FRMR", "meter on " + link.describe() + " rejected SNRM (FRMR: "
                    + (r == null ? "no reason given" : r.reason()) + ")");
        }
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
        connected = true;
        associationLost = false;
    }

    @Override
    public byte[] exchange(byte[] request) throws IOException {
        if (!connected) {
            throw new HdlcLinkException("DM", "the HDLC link to " + link.describe() + " is not connected");
        }
        byte[] info = new byte[request.length + 3];
        info[0] = (byte) 0xE6;
        info[1] = (byte) 0xE6;
        System.arraycopy(request, 0, info, 3, request.length);
        HdlcFrame answer = null;
        for (int off = 0; off < info.length; off += sendLimit) {
            int end = Math.min(info.length, off + sendLimit);
            boolean more = end < info.length;
            answer = sendI(new HdlcFrame(more, server, client, HdlcFrame.controlI(sendSequence, receiveSequence, true),
                    Arrays.copyOfRange(info, off, end)), more);
        }
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        HdlcFrame f = answer;
        while (true) {
            if (f.kind() != HdlcFrame.Kind.I) {
                throw new IOException("expected an I frame but got " + f.kind());
            }
            receiveSequence = (f.sendSequence() + 1) & 7;
            response.writeBytes(f.information());
            if (!f.segmented()) {
                break;
            }
            HdlcFrame rr = new HdlcFrame(false, server, client, HdlcFrame.controlRr(receiveSequence, true), null);
            send(rr);
            f = receiveOrPoll();
        }
        byte[] r = response.toByteArray();
        if (r.length < 3 || (r[0] & 0xFF) != 0xE6 || (r[1] & 0xFF) != 0xE7) {
            throw new IOException("response without LLC header E6 E7 00");
        }
        return Arrays.copyOfRange(r, 3, r.length);
    }

    /**
     * Sends one I frame and returns the meter's answer to it: RR for a segment that is not the
     * last, otherwise the first I frame of the response. An RR whose N(R) still points at the
     * frame sent means the meter did not get it: it is sent again.
     */
    private HdlcFrame sendI(HdlcFrame frame, boolean segmentFollows) throws IOException {
        int sent = sendSequence;
        sendSequence = (sendSequence + 1) & 7;
        for (int attempt = 0; ; attempt++) {
            send(frame);
            HdlcFrame answer = receiveOrPoll();
            if (answer.kind() == HdlcFrame.Kind.RR && answer.receiveSequence() == sent) {
                if (attempt >= MAX_RETRANSMISSIONS) {
                    throw new IOException("meter on " + link.describe() + " did not receive I frame N(S)=" + sent
                            + " after " + (attempt + 1) + " attempts");
                }
                continue;
            }
            if (segmentFollows && answer.kind() != HdlcFrame.Kind.RR) {
                throw new IOException("expected RR between segments but got " + answer.kind());
            }
            return answer;
        }
    }

    /**
     * The next frame; when none comes within the link's timeout, the meter is polled (RR with the
     * P bit and our N(R)), at most {@link #MAX_RETRANSMISSIONS} times: a meter whose answer was
     * lost sends it again, one that missed our frame says so with its N(R).
     */
    private HdlcFrame receiveOrPoll() throws IOException {
        for (int poll = 0; ; poll++) {
            try {
                return receive();
            } catch (InterruptedIOException timeout) {
                if (poll >= MAX_RETRANSMISSIONS || Thread.currentThread().isInterrupted()) {
                    throw timeout;
                }
                send(new HdlcFrame(false, server, client, HdlcFrame.controlRr(receiveSequence, true), null));
            }
        }
    }

    private void send(HdlcFrame f) throws IOException {
        out.write(f.encode());
        out.flush();
    }

    /** The next frame; DM and FRMR become {@link HdlcLinkException}s. */
    private HdlcFrame receive() throws IOException {
        HdlcFrame f = in.next();
        if (!connected) {
            return f;
        }
        if (f.kind() == HdlcFrame.Kind.DM) {
            connected = false;
            throw new HdlcLinkException("DM", "meter on " + link.describe() + " sent DM: it has disconnected the"
                    + " data link (an inactivity timeout, or another client took over); the association is lost");
        }
        if (f.kind() == HdlcFrame.Kind.FRMR) {
            FrameReject r = FrameReject.decode(f.information());
            String why = r == null ? "no reason given" : r.reason();
            String reset;
            try {
                connect();
                reset = "the link was reset with SNRM; associate again";
            } catch (IOException e) {
                reset = "resetting the link failed: " + e.getMessage();
            }
            associationLost = true;
            throw new HdlcLinkException("FRMR", "meter on " + link.describe() + " rejected a frame (FRMR: " + why
                    + "); " + reset);
        }
        return f;
    }

    /** True while the data link is up (after SNRM/UA, before DISC, DM or a failed reset). */
    public boolean connected() {
        return connected;
    }

    /** False once DM or FRMR ended the association, even when FRMR was followed by a link reset. */
    @Override
    public boolean linkUp() {
        return connected && !associationLost;
    }

    @Override
    public void close() throws IOException {
        if (in == null) {
            link.close();
            return;
        }
        try {
            if (!link.isClosed()) {
                connected = false;
                // UA or DM both mean the link is down
                send(new HdlcFrame(false, server, client, HdlcFrame.DISC, null));
                in.next();
            }
        } catch (IOException ignored) {
            // the meter may drop the line instead of answering DISC; the link is closed anyway
        } finally {
            connected = false;
            link.close();
        }
    }
}
