package io.meterflow.dlms.component;

import io.meterflow.dlms.apdu.ApduTag;
import io.meterflow.dlms.link.ByteLink;
import io.meterflow.dlms.push.ApduUnwrapper;
import io.meterflow.dlms.client.WrapperTransport;
import io.meterflow.dlms.hdlc.HdlcFrame;
import io.meterflow.dlms.hdlc.HdlcFrameReader;
import io.meterflow.dlms.push.DlmsPushDecoder;
import io.meterflow.dlms.axdr.Hex;
import io.meterflow.model.Frame;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * Receives pushes: wrapper frames over UDP or TCP, or HDLC frames over TCP or a serial port (segments and
 * general-block-transfer blocks are collected until the push is complete). Each push becomes
 * one exchange whose body is the decoded
 * telegram or, with {@code decode=false}, the raw bytes.
 */
public class DlmsConsumer extends DefaultConsumer {

    private static final int MAX_DATAGRAM = 65_535;
    /** HDLC frames of one push beyond this are passed on as they are: a bound on what a sender can make us hold. */
    private static final int MAX_SEGMENTS = 64;

    private ExecutorService executor;
    private DatagramSocket udp;
    private ServerSocket tcp;
    private DlmsPushDecoder decoder;
    private volatile ByteLink serial;

    public DlmsConsumer(DlmsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public DlmsEndpoint getEndpoint() {
        return (DlmsEndpoint) super.getEndpoint();
    }

    /** The local port, useful when the endpoint asked for port 0. */
    public int localPort() {
        return udp != null ? udp.getLocalPort() : tcp != null ? tcp.getLocalPort() : -1;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        DlmsConfiguration c = getEndpoint().getConfiguration();
        decoder = getEndpoint().newPushDecoder();
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newCachedThreadPool(this, "dlms-consumer");
        if ("serial".equals(c.getTransport())) {
            executor.execute(this::receiveSerial);
            return;
        }
        InetSocketAddress address = new InetSocketAddress(c.getHost(), c.getPort());
        if ("udp".equals(c.getTransport())) {
            udp = new DatagramSocket(address);
            executor.execute(this::receiveUdp);
        } else {
            tcp = new ServerSocket();
            tcp.bind(address);
            executor.execute(this::acceptTcp);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (udp != null) {
            udp.close();
        }
        if (tcp != null) {
            tcp.close();
        }
        ByteLink link = serial;
        if (link != null) {
            link.close();
        }
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(executor);
        }
        super.doStop();
    }

    private void receiveUdp() {
        byte[] buf = new byte[MAX_DATAGRAM];
        while (isRunAllowed() && !udp.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(p);
            } catch (IOException e) {
                return;
            }
            emit(List.of(Arrays.copyOf(p.getData(), p.getLength())), "udp",
                    p.getAddress().getHostAddress() + ":" + p.getPort());
        }
    }

    private void acceptTcp() {
        while (isRunAllowed() && !tcp.isClosed()) {
            try {
                Socket s = tcp.accept();
                executor.execute(() -> receiveTcp(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Listens on the serial port; when the port fails (unplugged adapter), it is opened again
     * after a pause while the consumer runs.
     */
    private void receiveSerial() {
        String port = getEndpoint().getConfiguration().getSerialPort();
        while (isRunAllowed()) {
            ByteLink link = getEndpoint().serialLink(0);
            serial = link;
            try (link) {
                link.open();
                receiveHdlc(link.input(), port);
            } catch (IOException | RuntimeException e) {
                if (!isRunAllowed() || isStoppingOrStopped()) {
                    return;
                }
                getExceptionHandler().handleException("DLMS serial port " + port + " failed; reopening", e);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void receiveTcp(Socket s) {
        DlmsConfiguration c = getEndpoint().getConfiguration();
        String remote = s.getInetAddress().getHostAddress() + ":" + s.getPort();
        try (s) {
            s.setSoTimeout(Math.max(c.getTimeout(), 60_000));
            DataInputStream in = new DataInputStream(s.getInputStream());
            if ("hdlc".equals(c.getTransport())) {
                receiveHdlc(in, remote);
            } else {
                while (isRunAllowed()) {
                    emit(List.of(WrapperTransport.read(in).encode()), "tcp", remote);
                }
            }
        } catch (IOException e) {
            // the meter closed the connection or sent a broken frame; a later push opens a new one
        }
    }

    /**
     * Collects HDLC frames until they hold a complete push: the last segment of a segmented
     * information field, and, for pushes split by general-block-transfer (L+G), the last block.
     */
    private void receiveHdlc(java.io.InputStream in, String remote) throws IOException {
        HdlcFrameReader reader = new HdlcFrameReader(in);
        List<byte[]> frames = new ArrayList<>();
        java.io.ByteArrayOutputStream info = new java.io.ByteArrayOutputStream();
        while (isRunAllowed()) {
            HdlcFrame f = reader.next();
            frames.add(f.encode());
            info.writeBytes(f.information());
            if (frames.size() >= MAX_SEGMENTS) {
                // a sender that never finishes a push: pass on what came, the decoder will say why
                emit(frames, transportName(), remote);
                frames = new ArrayList<>();
                info.reset();
                continue;
            }
            if (f.segmented()) {
                continue;
            }
            byte[] apdu = ApduUnwrapper.stripLlc(info.toByteArray());
            info.reset();
            boolean moreBlocks = apdu.length > 1 && (apdu[0] & 0xFF) == ApduTag.GENERAL_BLOCK_TRANSFER
                    && (apdu[1] & 0x80) == 0;
            if (!moreBlocks) {
                emit(frames, transportName(), remote);
                frames = new ArrayList<>();
            }
        }
    }

    private String transportName() {
        return getEndpoint().getConfiguration().getTransport();
    }

    private void emit(List<byte[]> parts, String transport, String remote) {
        Exchange exchange = createExchange(false);
        try {
            Instant received = Instant.now();
            exchange.getIn().setHeader(DlmsConstants.TRANSPORT, transport);
            exchange.getIn().setHeader(DlmsConstants.REMOTE_ADDRESS, remote);
            exchange.getIn().setHeader(DlmsConstants.RECEIVED_AT, received);
            if (getEndpoint().getConfiguration().isDecode()) {
                exchange.getIn().setBody(decoder.decode(new Frame(parts, null, keys(), received)).telegram());
            } else {
                exchange.getIn().setBody(parts.size() == 1 ? parts.get(0) : parts);
            }
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing DLMS push", exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        }
    }

    private Map<String, byte[]> keys() {
        DlmsConfiguration c = getEndpoint().getConfiguration();
        Map<String, byte[]> keys = new HashMap<>();
        if (c.getEncryptionKey() != null) {
            keys.put(Frame.ENCRYPTION_KEY, Hex.parse(c.getEncryptionKey()));
        }
        if (c.getAuthenticationKey() != null) {
            keys.put(Frame.AUTHENTICATION_KEY, Hex.parse(c.getAuthenticationKey()));
        }
        return keys;
    }
}
