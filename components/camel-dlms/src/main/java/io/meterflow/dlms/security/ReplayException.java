package io.meterflow.dlms.security;

import io.meterflow.model.DecodeException;

/** A secured frame whose invocation counter is not above the last one seen from its sender. */
public class ReplayException extends DecodeException {

    private static final long serialVersionUID = 1L;

    public ReplayException(String systemTitle, long counter, long last) {
        super("replayed frame from " + systemTitle + ": invocation counter " + counter
                + " is not above the last accepted " + last);
    }
}
