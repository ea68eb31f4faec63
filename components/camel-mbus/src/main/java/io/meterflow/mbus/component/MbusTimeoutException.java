package io.meterflow.mbus.component;

import java.io.IOException;

/** A meter did not answer within the timeout, after all retries. */
public class MbusTimeoutException extends IOException {

    private static final long serialVersionUID = 1L;

    public MbusTimeoutException(String message) {
        super(message);
    }
}
