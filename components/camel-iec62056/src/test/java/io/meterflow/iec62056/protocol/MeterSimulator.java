package io.meterflow.iec62056.protocol;

import io.meterflow.iec62056.readout.Bcc;
import io.meterflow.iec62056.readout.DataSet;
import io.meterflow.iec62056.readout.ReadoutParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An IEC 62056-21 meter on TCP, as a transparent gateway would expose it: answers the sign-on
 * (for its address or the empty address), the option select for readout or programming mode,
 * P1 passwords, R1 reads, W1 writes and the break. Its registers are the data sets of a readout.
 */
public final class MeterSimulator implements AutoCloseable {

    private final ServerSocket server;
    private final String identification;
    private final String address;
    private final String password;
    private final Map<String, String> registers = new LinkedHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private volatile boolean silent;

    /**
     * @param identification the identification line after '/', e.g. {@code LGF5E360}; its baud
     *                       character decides the mode (digit: C, A..I: B, else A)
     * @param dataLines      data lines of a readout, CR LF separated, without '!'
     */
    public MeterSimulator(String identification, String address, String password, String dataLines) throws IOException {
        this.identification = identification;
        this.address = address;
        this.password = password;
        for (DataSet ds : ReadoutParser.parseDataBlock(dataLines)) {
            registers.put(ds.address(), ds.toString().substring(ds.address().length()));
        }
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "iec62056-simulator-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public int sessions() {
        return sessions.get();
    }

    public String register(String address) {
        return registers.get(address);
    }

    /** A meter that never answers, for timeout tests. */
    public void silent(boolean on) {
        silent = on;
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> session(s), "iec62056-simulator-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (socket) {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String signOn = line(in);
            sessions.incrementAndGet();
            String requested = signOn.startsWith("/?") && signOn.endsWith("!")
                    ? signOn.substring(2, signOn.length() - 1) : null;
            if (silent || requested == null || (!requested.isEmpty() && !requested.equals(address))) {
                // not for this meter: stay silent until the client gives up
                while (in.read() >= 0) {
                    // discard
                }
                return;
            }
            out.write(("/" + identification + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            char baud = identification.charAt(3);
            if (!Character.isDigit(baud)) {
                out.write(readout());
                out.flush();
                return;
            }
            String select = line(in);
            if (select.length() != 4 || select.charAt(0) != 0x06) {
                return;
            }
            if (select.charAt(3) == '0') {
                out.write(readout());
                out.flush();
                return;
            }
            out.write(block(0x01, "P0", "(" + "12345678" + ")"));
            out.flush();
            boolean authorised = password == null;
            while (true) {
                byte[] cmd = command(in);
                if (cmd == null) {
                    return;
                }
                String text = new String(cmd, StandardCharsets.ISO_8859_1);
                String code = text.substring(1, 3);
                String data = text.length() > 5 ? text.substring(4, text.length() - 2) : "";
                switch (code) {
                    case "P1" -> {
                        authorised = ("(" + password + ")").equals(data);
                        out.write(authorised ? 0x06 : 0x15);
                    }
                    case "R1" -> {
                        String addr = data.substring(0, data.indexOf('('));
                        String value = registers.get(addr);
                        out.write(block(0x02, "", !authorised ? "(ERROR: no access)"
                                : value == null ? "(ERROR)" : addr + value));
                    }
                    case "W1" -> {
                        String addr = data.substring(0, data.indexOf('('));
                        if (authorised && registers.containsKey(addr)) {
                            registers.put(addr, data.substring(data.indexOf('(')));
                            out.write(0x06);
                        } else {
                            out.write(0x15);
                        }
                    }
                    case "B0" -> {
                        return;
                    }
                    default -> out.write(0x15);
                }
                out.flush();
            }
        } catch (IOException e) {
            // the client went away; a meter simply waits for the next sign-on
        }
    }

    private byte[] readout() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> r : registers.entrySet()) {
            sb.append(r.getKey()).append(r.getValue()).append("\r\n");
        }
        return block(0x02, "", sb + "!\r\n");
    }

    private static byte[] block(int start, String code, String data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(start);
        b.writeBytes(code.getBytes(StandardCharsets.US_ASCII));
        if (!code.isEmpty()) {
            b.write(0x02);
        }
        b.writeBytes(data.getBytes(StandardCharsets.ISO_8859_1));
        b.write(0x03);
        byte[] bytes = b.toByteArray();
        b.write(Bcc.compute(bytes, 1, bytes.length));
        return b.toByteArray();
    }

    /** SOH ... ETX BCC, or null when the client closed the line. */
    private static byte[] command(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        do {
            c = in.read();
            if (c < 0) {
                return null;
            }
            b.write(c);
        } while (c != 0x03);
        b.write(in.read());
        return b.toByteArray();
    }

    /** A line up to CR LF; NULs of a wake-up sequence before it are skipped. */
    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r' && !(c == 0 && sb.length() == 0)) {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
