package io.meterflow.iec62056.p1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a P1 byte stream (a serial port, or a TCP dongle forwarding it) into telegrams: from a '/'
 * at the start of a line to the end of the line that starts with '!'. Bytes before the first '/'
 * are the tail of a telegram the reader joined halfway, and are dropped.
 */
public class P1StreamReader {

    /** DSMR 5 telegrams are a few kB; anything far larger is a stream without end lines. */
    public static final int MAX_TELEGRAM = 64 * 1024;

    private final InputStream in;

    public P1StreamReader(InputStream in) {
        this.in = in;
    }

    /** The next telegram as text, or null at the end of the stream. */
    public String next() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int previous = '\n';
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '/' && previous == '\n') {
                break;
            }
            previous = c;
        }
        if (c < 0) {
            return null;
        }
        buf.write(c);
        boolean lineStart = false;
        boolean inEndLine = false;
        while ((c = in.read()) >= 0) {
            buf.write(c);
            if (buf.size() > MAX_TELEGRAM) {
                throw new IOException("P1 telegram longer than " + MAX_TELEGRAM + " bytes without an end line");
            }
            if (inEndLine && c == '\n') {
                return buf.toString(StandardCharsets.ISO_8859_1);
            }
            if (lineStart && c == '!') {
                inEndLine = true;
            }
            lineStart = c == '\n';
        }
        return null; // the stream ended inside a telegram
    }
}
