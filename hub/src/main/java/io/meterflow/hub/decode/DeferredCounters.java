package io.meterflow.hub.decode;

import java.util.ArrayList;
import java.util.List;

import io.meterflow.dlms.security.InvocationCounterStore;

/**
 * The invocation counter store the live DLMS decoders see: it accepts every counter and notes it,
 * and the decode worker checks the noted counters of a whole batch of frames in one call
 * ({@link PgInvocationCounters#advanceAll}) before it stores anything. A frame with a counter
 * that is refused there is recorded as a replay and its readings are dropped. One per worker
 * thread, as the decoders are.
 */
final class DeferredCounters implements InvocationCounterStore {

    private final List<PgInvocationCounters.Seen> noted = new ArrayList<>();

    @Override
    public boolean advance(String systemTitle, long counter) {
        noted.add(new PgInvocationCounters.Seen(systemTitle, counter));
        return true;
    }

    /** Unknown until the batch is checked; a replay's message gives the real value. */
    @Override
    public long last(String systemTitle) {
        return -1;
    }

    /** The counters noted since the last call, in order. */
    List<PgInvocationCounters.Seen> take() {
        if (noted.isEmpty()) {
            return List.of();
        }
        List<PgInvocationCounters.Seen> out = List.copyOf(noted);
        noted.clear();
        return out;
    }
}
