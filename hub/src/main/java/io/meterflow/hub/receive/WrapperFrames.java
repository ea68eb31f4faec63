package io.meterflow.hub.receive;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Splits a TCP stream into DLMS wrapper frames (IEC 62056-47): version (2 bytes), source and
 * destination wPort (2 each), the APDU's length (2 bytes, big-endian), then the APDU. Each frame
 * is passed on whole, header included, as the dlms decoder expects it.
 *
 * <p>All frames that are complete in what one read brought are passed on together, as one
 * {@code List<byte[]>}: a concentrator or a busy meter sends many frames back to back, and each
 * message a decoder passes on becomes an exchange of the receiver route. A frame cut by the read
 * waits for the rest of its bytes.
 */
public class WrapperFrames extends ByteToMessageDecoder {

    static final int HEADER = 8;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        List<byte[]> frames = null;
        while (in.readableBytes() >= HEADER) {
            int length = HEADER + in.getUnsignedShort(in.readerIndex() + 6);
            if (in.readableBytes() < length) {
                break;
            }
            byte[] frame = new byte[length];
            in.readBytes(frame);
            if (frames == null) {
                frames = new ArrayList<>();
            }
            frames.add(frame);
        }
        if (frames != null) {
            out.add(frames);
        }
    }
}
