package io.meterflow.hub.decode;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

import io.meterflow.dlms.push.DlmsFrameDecoder;
import io.meterflow.model.FrameDecoder;
import org.springframework.stereotype.Component;

/**
 * The protocol decoders for the decode workers. Decoders may keep state between frames (a wM-Bus
 * compact frame needs its full frame's format), and are not required to be thread-safe, so each
 * worker thread holds its own set. Live frames are decoded with DLMS replay protection: their
 * decoders note the invocation counters ({@link DeferredCounters}) and the decode worker checks
 * them against the database for a whole batch; archived frames decoded again are not checked,
 * since their counters were accepted the first time.
 */
@Component
public class DecoderPool {

    private final ThreadLocal<DeferredCounters> counters = ThreadLocal.withInitial(DeferredCounters::new);
    private final ThreadLocal<Map<String, FrameDecoder>> live = ThreadLocal.withInitial(() -> load(counters.get()));
    private final ThreadLocal<Map<String, FrameDecoder>> archived = ThreadLocal.withInitial(() -> load(null));
    private final PayloadLayouts layouts;

    public DecoderPool(PayloadLayouts layouts) {
        this.layouts = layouts;
    }

    /** The counters this thread's live decoders noted, to be checked for the batch. */
    DeferredCounters counters() {
        return counters.get();
    }

    private static Map<String, FrameDecoder> load(io.meterflow.dlms.security.InvocationCounterStore counters) {
        Map<String, FrameDecoder> m = new TreeMap<>();
        for (FrameDecoder d : ServiceLoader.load(FrameDecoder.class)) {
            m.putIfAbsent(d.protocol(), d);
        }
        if (counters != null && m.containsKey("dlms")) {
            m.put("dlms", new DlmsFrameDecoder(counters));
        }
        if (m.containsKey("wmbus")) {
            // Compact frames decode on whichever worker takes them, once any worker saw the full frame.
            m.put("wmbus", new io.meterflow.mbus.WmbusFrameDecoder(io.meterflow.mbus.wireless.WirelessDecoder.sharingFormats()));
        }
        return m;
    }

    /** The decoder for a frame that just arrived. */
    public FrameDecoder get(String protocol) {
        String p = protocol.trim().toLowerCase();
        return p.startsWith(PayloadLayouts.PREFIX) ? layouts.decoder(p) : live.get().get(p);
    }

    /** The decoder for an archived frame decoded again. */
    public FrameDecoder forArchived(String protocol) {
        String p = protocol.trim().toLowerCase();
        return p.startsWith(PayloadLayouts.PREFIX) ? layouts.decoder(p) : archived.get().get(p);
    }

    public Set<String> protocols() {
        return live.get().keySet();
    }
}
