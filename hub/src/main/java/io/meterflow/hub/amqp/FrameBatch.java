package io.meterflow.hub.amqp;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Many raw frames in one message on {@code meterflow.raw} (content type {@value #CONTENT_TYPE}),
 * so that the broker, the decode workers and the database handle a batch of frames per step
 * instead of one frame. Every frame keeps what a single-frame message carries in its headers.
 *
 * <p>The body, all integers big-endian: the four bytes {@code MFB1}, the number of frames, then
 * for each frame: protocol, transport and source as strings (a length of -1 is null), received-at
 * as epoch seconds (8 bytes) and nanoseconds (4), organization, raw frame id and meter id as a
 * flag byte and 8 bytes each, then the payload's length and bytes. A string is its UTF-8 length
 * (4 bytes) and bytes.
 */
public final class FrameBatch {

    public static final String CONTENT_TYPE = "application/vnd.meterflow.frames";
    /** Header of a batch message: how many frames it holds. */
    public static final String FRAMES_HEADER = "mf-frames";

    private static final int MAGIC = 0x4D464231; // "MFB1"
    private static final int MAX_FRAME = 1 << 20;

    private FrameBatch() {
    }

    public static byte[] encode(List<RawFrames.Raw> frames) {
        int size = 8;
        for (RawFrames.Raw f : frames) {
            size += 64 + f.payload().length;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(frames.size());
            for (RawFrames.Raw f : frames) {
                string(out, f.protocol());
                string(out, f.transport());
                string(out, f.source());
                out.writeLong(f.receivedAt().getEpochSecond());
                out.writeInt(f.receivedAt().getNano());
                optional(out, f.organizationId());
                optional(out, f.rawFrameId());
                optional(out, f.meterId());
                out.writeInt(f.payload().length);
                out.write(f.payload());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The frames of a batch body; a body that is not one says where it went wrong. */
    public static List<RawFrames.Raw> decode(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            if (in.getInt() != MAGIC) {
                throw new IllegalArgumentException("a frame batch starts with MFB1");
            }
            int n = in.getInt();
            if (n < 0 || n > body.length) {
                throw new IllegalArgumentException("a frame batch of " + n + " frames in " + body.length + " bytes");
            }
            List<RawFrames.Raw> frames = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String protocol = string(in);
                String transport = string(in);
                String source = string(in);
                Instant receivedAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
                Long organization = optional(in);
                Long rawFrameId = optional(in);
                Long meter = optional(in);
                int length = in.getInt();
                if (length < 0 || length > MAX_FRAME || length > in.remaining()) {
                    throw new IllegalArgumentException("frame " + i + " has a length of " + length + " at byte " + (in.position() - 4));
                }
                byte[] payload = new byte[length];
                in.get(payload);
                if (protocol == null || transport == null) {
                    throw new IllegalArgumentException("frame " + i + " has no protocol or transport");
                }
                frames.add(new RawFrames.Raw(protocol, transport, source, receivedAt, organization, rawFrameId, meter, payload));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the last of " + n + " frames");
            }
            return frames;
        } catch (BufferUnderflowException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("a frame batch cut short or garbled at byte " + in.position());
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(ByteBuffer in) {
        int n = in.getInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("a string of " + n + " bytes at byte " + (in.position() - 4));
        }
        String s = new String(in.array(), in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }

    private static void optional(DataOutputStream out, Long v) throws IOException {
        out.writeBoolean(v != null);
        out.writeLong(v == null ? 0 : v);
    }

    private static Long optional(ByteBuffer in) {
        boolean present = in.get() != 0;
        long v = in.getLong();
        return present ? v : null;
    }
}
