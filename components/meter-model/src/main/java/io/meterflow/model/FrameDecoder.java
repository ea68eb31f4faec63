package io.meterflow.model;

/**
 * Turns frames of one protocol into telegrams. Each protocol module provides its decoders
 * through {@link java.util.ServiceLoader} ({@code META-INF/services/io.meterflow.model.FrameDecoder}),
 * so the hub's decode workers and its {@code decode} command find every protocol on the class path.
 *
 * <p>A decoder may keep state between frames of the same meter (a wM-Bus compact frame needs the
 * format of an earlier full frame); callers keep one instance per stream of frames. A frame
 * that cannot be decoded is a {@link DecodeException} saying what and where, never another
 * exception.
 */
public interface FrameDecoder {

    /** The protocol name, as used in routes, raw-frame headers and the command line: {@code mbus}, {@code wmbus}, {@code dlms}, {@code iec62056-21}, {@code p1}. */
    String protocol();

    Telegram decode(Frame frame);
}
