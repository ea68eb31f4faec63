package io.meterflow.dlms.hdlc;

import io.meterflow.model.DecodeException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a byte stream into HDLC frames. Type 3 frames carry their length, so a frame is found by
 * its flag and length field, not by scanning for the closing flag (0x7E can occur inside, the
 * format does not stuff bytes). Frames may share a flag or have their own. Bytes that do not
 * start a valid frame, such as the tail of a frame the reader joined halfway, are skipped.
 */
public final class HdlcStream {

    private HdlcStream() {
    }

    /** The frames in {@code bytes}; at least one, or a DecodeException saying why none was found. */
    public static List<HdlcFrame> split(byte[] bytes) {
        List<HdlcFrame> frames = new ArrayList<>();
        DecodeException firstError = null;
        int pos = 0;
        while (pos < bytes.length) {
            if ((bytes[pos] & 0xFF) != HdlcFrame.FLAG) {
                pos++;
                continue;
            }
            int start = pos + 1;
            if (start + 2 > bytes.length || (bytes[start] & 0xF0) != 0xA0) {
                pos++;
                continue;
            }
            int length = ((bytes[start] & 0x07) << 8) | (bytes[start + 1] & 0xFF);
            int end = start + length;
            if (end >= bytes.length || (bytes[end] & 0xFF) != HdlcFrame.FLAG) {
                if (firstError == null) {
                    firstError = new DecodeException("HDLC frame of " + length + " bytes has no closing flag", start);
                }
                pos++;
                continue;
            }
            try {
                frames.add(HdlcFrame.decode(bytes, start, end, start));
                pos = end;
            } catch (DecodeException e) {
                if (firstError == null) {
                    firstError = e;
                }
                pos++;
            }
        }
        if (frames.isEmpty()) {
            throw firstError != null ? firstError : new DecodeException("no HDLC frame found", 0);
        }
        return frames;
    }

    /** True when the bytes start with an HDLC flag and a type 3 format field. */
    public static boolean looksLikeHdlc(byte[] bytes) {
        return bytes.length >= 9 && (bytes[0] & 0xFF) == HdlcFrame.FLAG && (bytes[1] & 0xF0) == 0xA0;
    }
}
