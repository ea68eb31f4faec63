package io.meterflow.hub.decode;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import io.meterflow.model.FrameDecoder;
import org.springframework.stereotype.Component;

/**
 * The protocol decoders for the decode workers. Decoders may keep state between frames (a wM-Bus
 * compact frame needs its full frame's format), and are not required to be thread-safe, so each
 * worker thread holds its own set.
 */
@Component
public class DecoderPool {

    private final ThreadLocal<Map<String, FrameDecoder>> perThread = ThreadLocal.withInitial(DecoderPool::load);

    private static Map<String, FrameDecoder> load() {
        Map<String, FrameDecoder> m = new TreeMap<>();
        for (FrameDecoder d : ServiceLoader.load(FrameDecoder.class)) {
            m.putIfAbsent(d.protocol(), d);
        }
        return m;
    }

    public FrameDecoder get(String protocol) {
        return perThread.get().get(protocol.trim().toLowerCase());
    }

    public java.util.Set<String> protocols() {
        return perThread.get().keySet();
    }
}
