package io.meterflow.dlms.security;

/**
 * Remembers the highest invocation counter seen per sender (system title), so that a replayed
 * secured frame is rejected. The hub keeps this in its database; tests and single instances use
 * {@link InMemoryInvocationCounterStore}.
 */
public interface InvocationCounterStore {

    /**
     * Records {@code counter} for {@code systemTitle} if it is above the last one recorded, in one
     * atomic step.
     *
     * @return true if accepted, false if the counter is not above the last one (a replay)
     */
    boolean advance(String systemTitle, long counter);

    /** The last accepted counter, or -1 if none. */
    long last(String systemTitle);
}
