package io.meterflow.mbus.wireless;

import io.meterflow.model.DecodeException;

/**
 * The telegram is encrypted and no key was given for the meter. The frame is fine: keep it and
 * decode it again once the meter's key is known.
 */
public class MissingKeyException extends DecodeException {

    private static final long serialVersionUID = 1L;

    public MissingKeyException(String message, int offset) {
        super(message, offset);
    }
}
