package io.meterflow.dlms.hdlc;

import io.meterflow.model.DecodeException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads HDLC frames from a byte stream (a TCP connection, a serial-to-TCP converter). A frame is
 * found by its flag and length field and accepted only with its closing flag and valid
 * checksums; anything else (line noise, the tail of a frame joined halfway) is skipped byte by
 * byte until the next frame. Frames may share a flag or have their own.
 */
public final class HdlcFrameReader {

    private static final int MAX_FRAME = 0x7FF + 2;

    private final BufferedInputStream in;
    private boolean afterFlag;

    public HdlcFrameReader(InputStream in) {
        this.in = new BufferedInputStream(in, 4096);
    }

    /** The next valid frame; blocks until one arrives. */
    public HdlcFrame next() throws IOException {
        while (true) {
            if (!afterFlag) {
                int b = read();
                if (b != HdlcFrame.FLAG) {
                    continue;
                }
            }
            afterFlag = false;
            in.mark(MAX_FRAME + 2);
            int f0 = read();
            if (f0 == HdlcFrame.FLAG || (f0 & 0xF0) != 0xA0) {
                in.reset();
                continue;
            }
            int f1 = read();
            int length = ((f0 & 0x07) << 8) | f1;
            if (length < 7) {
                in.reset();
                continue;
            }
            byte[] frame = new byte[length];
            frame[0] = (byte) f0;
            frame[1] = (byte) f1;
            int n = 2;
            while (n < length) {
                int r = in.read(frame, n, length - n);
                if (r < 0) {
                    throw new EOFException("connection closed inside an HDLC frame");
                }
                n += r;
            }
            if (read() != HdlcFrame.FLAG) {
                in.reset();
                continue;
            }
            try {
                HdlcFrame f = HdlcFrame.decode(frame, 0, length, 0);
                afterFlag = true;
                return f;
            } catch (DecodeException e) {
                in.reset();
            }
        }
    }

    private int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        return b;
    }
}
