package io.meterflow.dlms.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** An {@link InvocationCounterStore} in memory; lost on restart. */
public class InMemoryInvocationCounterStore implements InvocationCounterStore {

    private final ConcurrentMap<String, Long> counters = new ConcurrentHashMap<>();

    @Override
    public boolean advance(String systemTitle, long counter) {
        boolean[] accepted = new boolean[1];
        counters.compute(systemTitle, (k, last) -> {
            if (last == null || counter > last) {
                accepted[0] = true;
                return counter;
            }
            return last;
        });
        return accepted[0];
    }

    @Override
    public long last(String systemTitle) {
        return counters.getOrDefault(systemTitle, -1L);
    }
}
