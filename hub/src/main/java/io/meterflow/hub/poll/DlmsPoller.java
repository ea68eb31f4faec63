package io.meterflow.hub.poll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.meterflow.dlms.client.Authentication;
import io.meterflow.dlms.client.ClientSettings;
import io.meterflow.dlms.client.DlmsClient;
import io.meterflow.dlms.client.DlmsTransport;
import io.meterflow.dlms.client.HdlcTransport;
import io.meterflow.dlms.client.PollSession;
import io.meterflow.dlms.client.WrapperTransport;
import io.meterflow.dlms.link.SerialLink;
import io.meterflow.dlms.link.SerialSettings;
import io.meterflow.model.Frame;
import io.meterflow.model.ObisCode;
import io.meterflow.model.Telegram;
import org.springframework.stereotype.Component;

/**
 * DLMS/COSEM meters: one association (none, low with the meter's {@code password} key, or
 * high-gmac with its keys; glo-ciphered when {@code addressing.ciphered}), the profile's registers,
 * the load profile since the last stored interval, the clock check, release.
 *
 * <p>Addressing: {@code transport} (wrapper, the default; hdlc over TCP; iec62056-e, an optical
 * port behind a TCP converter: IEC 62056-21 sign-on and mode E switch, then HDLC; or serial, with
 * {@code serialPort} and {@code baudRate}, for a meter on a port of the hub's machine), {@code clientAddress} (16),
 * {@code serverAddress} (1), {@code physicalAddress} (HDLC, 17), {@code authentication}
 * (none, low, high-gmac), {@code ciphered} (false).
 */
@Component
public class DlmsPoller implements MeterPoller {

    @Override
    public String protocol() {
        return "dlms";
    }

    @Override
    public Telegram poll(PollTarget t) throws IOException {
        int timeout = (int) t.timeout().toMillis();
        int client = t.intAddressing("clientAddress", 16);
        int server = t.intAddressing("serverAddress", 1);
        String kind = t.textAddressing("transport", "wrapper").toLowerCase();
        int physical = t.intAddressing("physicalAddress", 17);
        DlmsTransport transport = switch (kind) {
            case "hdlc" -> new HdlcTransport(t.host(), t.port(), client, server, physical, timeout);
            // A serial port of this hub's machine (endpoint serial:/dev/ttyUSB0), HDLC on the line at addressing.baudRate.
            case "serial" -> new HdlcTransport(new SerialLink(new SerialSettings(t.textAddressing("serialPort", t.host()),
                    t.intAddressing("baudRate", 9600), 8, "none", "1"), timeout), client, server, physical);
            // An optical port behind a TCP converter: IEC 62056-21 sign-on, mode E switch, then HDLC on the same line.
            case "iec62056-e" -> modeE(t, client, server, physical, timeout);
            default -> new WrapperTransport(t.host(), t.port(), client, server, timeout);
        };
        Authentication auth = switch (t.textAddressing("authentication", "none").toLowerCase()) {
            case "low" -> Authentication.LOW;
            case "high-gmac", "high", "hls" -> Authentication.HIGH_GMAC;
            default -> Authentication.NONE;
        };
        byte[] password = t.keys().get("password");
        boolean ciphered = Boolean.parseBoolean(t.textAddressing("ciphered", "false"));
        ClientSettings settings = new ClientSettings(auth, password, ciphered, ClientSettings.DEFAULT_SYSTEM_TITLE,
                t.keys().get(Frame.ENCRYPTION_KEY), t.keys().get(Frame.AUTHENTICATION_KEY), 0xFFFF);
        List<ObisCode> registers = t.registers().stream().map(ObisCode::parse).toList();
        PollSession session = new PollSession(registers, t.profileObis() == null ? null : ObisCode.parse(t.profileObis()),
                t.profileFrom(), t.clockSync(), t.maxDrift(), t.zone());
        try (DlmsClient c = new DlmsClient(transport, settings)) {
            c.associate();
            try {
                return session.run(c);
            } finally {
                c.release();
            }
        }
    }

    private static DlmsTransport modeE(PollTarget t, int client, int server, int physical, int timeout) throws IOException {
        io.meterflow.iec62056.protocol.TcpLink line = new io.meterflow.iec62056.protocol.TcpLink(t.host(), t.port(), timeout);
        try {
            io.meterflow.iec62056.protocol.Iec62056Session session = new io.meterflow.iec62056.protocol.Iec62056Session(line,
                    io.meterflow.iec62056.protocol.SessionOptions.defaults()
                            .withMode(io.meterflow.iec62056.protocol.ProtocolMode.E)
                            .withAddress(t.textAddressing("address", ""))
                            .withTimeouts(timeout, 300));
            session.signOn();
            io.meterflow.iec62056.protocol.Link hdlc = session.switchToHdlc();
            return new HdlcTransport(new io.meterflow.dlms.link.StreamLink(hdlc.in(), hdlc.out(), "mode E " + t.host() + ":" + t.port()) {
                @Override
                public void close() throws IOException {
                    line.close();
                }
            }, client, server, physical);
        } catch (IOException | RuntimeException e) {
            line.close();
            throw e;
        }
    }

    static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.US_ASCII);
    }
}
