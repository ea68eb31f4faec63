package io.meterflow.hub.cli;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import io.meterflow.model.FrameDecoder;

/** Every protocol decoder on the class path, by protocol name: one instance each, so stateful decoders keep their state. */
public final class Decoders {

    private final Map<String, FrameDecoder> byProtocol = new TreeMap<>();

    public Decoders() {
        for (FrameDecoder d : ServiceLoader.load(FrameDecoder.class)) {
            byProtocol.putIfAbsent(d.protocol(), d);
        }
    }

    public FrameDecoder get(String protocol) {
        return protocol == null ? null : byProtocol.get(protocol.trim().toLowerCase());
    }

    public java.util.Set<String> protocols() {
        return byProtocol.keySet();
    }
}
