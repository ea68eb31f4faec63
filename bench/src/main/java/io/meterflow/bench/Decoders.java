package io.meterflow.bench;

import io.meterflow.model.FrameDecoder;

import java.util.ServiceLoader;

/**
 * The decoders as the hub finds them: through {@link ServiceLoader}, by protocol name. Each call
 * gives fresh instances, so every benchmark thread has its own decoder state, as each hub stream
 * of frames has.
 */
public final class Decoders {

    private Decoders() {
    }

    public static FrameDecoder forProtocol(String protocol) {
        for (FrameDecoder d : ServiceLoader.load(FrameDecoder.class)) {
            if (d.protocol().equals(protocol)) {
                return d;
            }
        }
        throw new IllegalStateException("no FrameDecoder for protocol '" + protocol + "' on the class path");
    }
}
