package io.meterflow.iec62056.protocol;

import io.meterflow.iec62056.readout.BaudRates;
import io.meterflow.iec62056.readout.Bcc;
import io.meterflow.iec62056.readout.DataSet;
import io.meterflow.iec62056.readout.Identification;
import io.meterflow.iec62056.readout.ReadoutParser;
import io.meterflow.model.DecodeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One conversation with a meter by IEC 62056-21: sign-on, identification, option select, then a
 * readout or programming mode (password, R1 read, W1 write) and the break that ends it.
 *
 * <p>States: {@code NEW} → {@link #signOn()} → {@code IDENTIFIED} → {@link #readout()} (done) or
 * {@link #programmingMode()} → {@code PROGRAMMING} → {@link #read}/{@link #write} ... →
 * {@link #signOff()}. Each step checks the state it needs, so a misuse fails with a clear message
 * instead of confusing the meter. Every wait is bounded by the response timeout.
 */
public class Iec62056Session {

    static final int ACK = 0x06;
    static final int NAK = 0x15;
    static final int SOH = Bcc.SOH;
    static final int STX = Bcc.STX;
    static final int ETX = Bcc.ETX;
    static final int EOT = Bcc.EOT;

    /** A readout longer than this is taken as a line that never ends (noise, a stuck gateway). */
    static final int MAX_MESSAGE = 1 << 20;

    private enum State { NEW, IDENTIFIED, DONE, PROGRAMMING, CLOSED }

    private final Link link;
    private final SessionOptions options;
    private State state = State.NEW;
    private Identification identification;

    public Iec62056Session(Link link, SessionOptions options) {
        this.link = link;
        this.options = options;
    }

    public Identification identification() {
        return identification;
    }

    /** Sends {@code /?address!} (after the wake-up sequence if asked for) and reads the identification. */
    public Identification signOn() throws IOException {
        expect(State.NEW, "sign on");
        if (options.mode() == ProtocolMode.D) {
            throw new ProtocolException("a mode D meter sends on its own; use listen() instead of signOn()");
        }
        link.readTimeout(options.responseTimeout());
        OutputStream out = link.out();
        if (options.wakeUp()) {
            out.write(new byte[options.wakeUpNuls()]);
            out.flush();
            pause(options.wakeUpPause());
        }
        send(("/?" + options.address() + "!\r\n").getBytes(StandardCharsets.US_ASCII));
        String line = readLine("identification after sign-on");
        int slash = line.indexOf('/');
        if (slash < 0) {
            throw new ProtocolException("answer to sign-on is not an identification: \"" + line + "\"");
        }
        try {
            identification = Identification.parse(line.substring(slash), 0);
        } catch (DecodeException e) {
            throw new ProtocolException("bad identification \"" + line + "\": " + e.getMessage(), e);
        }
        state = State.IDENTIFIED;
        return identification;
    }

    /**
     * The readout of modes A, B and C: the identification line and the data message
     * ({@code STX ... ! CR LF ETX BCC}) as one text for {@link ReadoutParser}.
     */
    public String readout() throws IOException {
        expect(State.IDENTIFIED, "read out");
        if (options.mode() == ProtocolMode.E) {
            throw UnsupportedModeException.modeE();
        }
        char baudChar = identification.baudChar();
        if (Character.isDigit(baudChar)) {
            int baud = Math.min(identification.maxBaudRate(), options.maxBaudRate());
            char z = BaudRates.modeCCharacter(baud);
            send(new byte[] {ACK, '0', (byte) z, '0', '\r', '\n'});
            switchBaud(baud);
        } else if (baudChar >= 'A' && baudChar <= 'I') {
            switchBaud(identification.maxBaudRate()); // mode B: the meter switches on its own
        }
        byte[] message = readMessage("readout data message");
        state = State.DONE;
        return "/" + identification.line() + "\r\n" + new String(message, StandardCharsets.ISO_8859_1);
    }

    /**
     * Mode E: option select with protocol control character 2 (HDLC, IEC 62056-46) at the highest
     * baud rate both sides offer. From then on the link carries HDLC frames: it is handed to a
     * DLMS/COSEM client (camel-dlms), which associates over it; this session is done.
     *
     * @return the link, switched to the new baud rate
     */
    public Link switchToHdlc() throws IOException {
        expect(State.IDENTIFIED, "switch to HDLC");
        if (!identification.announcesModeE()) {
            throw new ProtocolException("meter /" + identification.line() + " does not announce mode E (HDLC)");
        }
        int baud = Math.min(identification.maxBaudRate(), options.maxBaudRate());
        send(new byte[] {ACK, '2', (byte) BaudRates.modeCCharacter(baud), '2', '\r', '\n'});
        switchBaud(baud);
        state = State.DONE;
        return link;
    }

    /**
     * Mode C option select for programming mode; sends the password when one is configured.
     *
     * @return the meter's P0 operand (the seed for P2 passwords), possibly empty
     */
    public String programmingMode() throws IOException {
        expect(State.IDENTIFIED, "enter programming mode");
        if (!Character.isDigit(identification.baudChar())) {
            throw new ProtocolException("meter /" + identification.line() + " does not speak mode C; programming mode needs it");
        }
        int baud = Math.min(identification.maxBaudRate(), options.maxBaudRate());
        send(new byte[] {ACK, '0', (byte) BaudRates.modeCCharacter(baud), '1', '\r', '\n'});
        switchBaud(baud);
        byte[] p0 = readMessage("P0 operand after option select");
        String text = new String(p0, StandardCharsets.ISO_8859_1);
        if (p0.length < 3 || p0[0] != SOH || p0[1] != 'P' || p0[2] != '0') {
            throw new ProtocolException("expected SOH P0 after option select but got " + printable(text));
        }
        String seed = between(text, '(', ')');
        state = State.PROGRAMMING;
        if (options.password() != null) {
            String operand = options.passwordAlgorithm().apply(seed, options.password());
            command(options.passwordCommand(), "(" + operand + ")");
            int answer = readAck("answer to password");
            if (answer != ACK) {
                throw new ProtocolException("meter rejected the password (" + options.passwordCommand() + ")");
            }
        }
        return seed;
    }

    /** R1: reads one value; the meter answers {@code STX address(value*unit) ETX BCC}. */
    public DataSet read(String address) throws IOException {
        expect(State.PROGRAMMING, "read a value");
        command("R1", address + "()");
        byte[] answer = readMessage("answer to R1 " + address);
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        String body = text.substring(1, text.length() - 2); // between STX and ETX
        if (body.startsWith("(")) {
            // some meters omit the address in the answer; an error answer is only "(text)"
            String inner = between(body, '(', ')');
            if (inner.toUpperCase(java.util.Locale.ROOT).startsWith("ERR")) {
                throw new ProtocolException("meter answered R1 " + address + " with " + body);
            }
            body = address + body;
        }
        try {
            return ReadoutParser.parseDataSet(body);
        } catch (DecodeException e) {
            throw new ProtocolException("unreadable answer to R1 " + address + ": " + e.getMessage(), e);
        }
    }

    /** W1: writes one value; the meter answers ACK, NAK or an error message. */
    public void write(String address, String value) throws IOException {
        expect(State.PROGRAMMING, "write a value");
        command("W1", address + "(" + value + ")");
        int answer = readAck("answer to W1 " + address);
        if (answer != ACK) {
            throw new ProtocolException("meter refused W1 " + address + "(" + value + ")");
        }
    }

    /** Break: {@code SOH B0 ETX BCC}, which ends programming mode and the session. */
    public void signOff() throws IOException {
        if (state == State.PROGRAMMING || state == State.IDENTIFIED) {
            byte[] msg = {SOH, 'B', '0', ETX, 0};
            msg[4] = (byte) Bcc.compute(msg, 1, 4);
            send(msg);
        }
        state = State.CLOSED;
    }

    /** Mode D: waits for the meter's next readout, from '/' to the end line. */
    public String listen() throws IOException {
        link.readTimeout(options.responseTimeout());
        InputStream in = link.in();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int c;
        do {
            c = readByte(in, "start of a mode D readout");
        } while (c != '/');
        text.write(c);
        boolean lineStart = false;
        while (true) {
            c = readByte(in, "rest of a mode D readout");
            text.write(c);
            if (lineStart && c == '!') {
                String end = readLineFrom(in, "end line of a mode D readout");
                text.writeBytes(end.getBytes(StandardCharsets.ISO_8859_1));
                text.writeBytes(new byte[] {'\r', '\n'});
                return text.toString(StandardCharsets.ISO_8859_1);
            }
            lineStart = c == '\n';
            if (text.size() > MAX_MESSAGE) {
                throw new ProtocolException("mode D readout longer than " + MAX_MESSAGE + " bytes without an end line");
            }
        }
    }

    private void command(String code, String data) throws IOException {
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        msg.write(SOH);
        msg.writeBytes(code.getBytes(StandardCharsets.US_ASCII));
        msg.write(STX);
        msg.writeBytes(data.getBytes(StandardCharsets.ISO_8859_1));
        msg.write(ETX);
        byte[] bytes = msg.toByteArray();
        msg.write(Bcc.compute(bytes, 1, bytes.length));
        send(msg.toByteArray());
    }

    private void send(byte[] bytes) throws IOException {
        OutputStream out = link.out();
        out.write(bytes);
        out.flush();
    }

    private void switchBaud(int baud) throws IOException {
        pause(options.baudSwitchDelay());
        link.baudRate(baud);
    }

    /** ACK, NAK, or an error message {@code STX (text) ETX BCC} which counts as a refusal. */
    private int readAck(String what) throws IOException {
        InputStream in = link.in();
        int c = readByte(in, what);
        if (c == ACK || c == NAK) {
            return c;
        }
        if (c == STX || c == SOH) {
            readBlockRest(in, c, what);
            return NAK;
        }
        throw new ProtocolException(what + " is neither ACK nor NAK but 0x" + Integer.toHexString(c));
    }

    /** A message that starts with SOH or STX and ends with ETX or EOT and a BCC, which is checked. */
    private byte[] readMessage(String what) throws IOException {
        InputStream in = link.in();
        int first = readByte(in, what);
        if (first == NAK) {
            throw new ProtocolException("meter answered NAK instead of the " + what);
        }
        if (first != SOH && first != STX) {
            throw new ProtocolException("expected SOH or STX for the " + what + " but got 0x" + Integer.toHexString(first));
        }
        return readBlockRest(in, first, what);
    }

    private byte[] readBlockRest(InputStream in, int first, String what) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.write(first);
        int c;
        do {
            c = readByte(in, what);
            buf.write(c);
            if (buf.size() > MAX_MESSAGE) {
                throw new ProtocolException(what + " longer than " + MAX_MESSAGE + " bytes without ETX");
            }
        } while (c != ETX && c != EOT);
        int bcc = readByte(in, "BCC of the " + what);
        byte[] bytes = buf.toByteArray();
        int computed = Bcc.compute(bytes, 1, bytes.length);
        if (computed != bcc) {
            throw new ProtocolException(String.format("BCC of the %s is %02X but the block gives %02X", what, bcc, computed));
        }
        buf.write(bcc);
        return buf.toByteArray();
    }

    private String readLine(String what) throws IOException {
        return readLineFrom(link.in(), what);
    }

    private String readLineFrom(InputStream in, String what) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = readByte(in, what);
            if (c == '\n') {
                int len = line.length();
                return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
            }
            if (c != 0 || line.length() > 0) { // NULs before the answer are line noise after a wake-up
                line.append((char) c);
            }
            if (line.length() > 256) {
                throw new ProtocolException(what + " longer than 256 characters without CR LF");
            }
        }
    }

    private int readByte(InputStream in, String what) throws IOException {
        int c;
        try {
            c = in.read();
        } catch (SocketTimeoutException e) {
            throw new ProtocolException("no " + what + " within " + options.responseTimeout() + " ms", e);
        }
        if (c < 0) {
            throw new ProtocolException("line closed while waiting for the " + what);
        }
        return c & 0x7F; // 7E1 lines: the parity bit is not data
    }

    private void expect(State wanted, String action) throws ProtocolException {
        if (state != wanted) {
            throw new ProtocolException("cannot " + action + " in state " + state + " (needs " + wanted + ")");
        }
    }

    private static void pause(int millis) throws IOException {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting on the line");
        }
    }

    private static String between(String s, char open, char close) {
        int a = s.indexOf(open);
        int b = s.indexOf(close, a + 1);
        return a >= 0 && b > a ? s.substring(a + 1, b) : "";
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("<%02X>", (int) c));
        }
        return sb.toString();
    }
}
