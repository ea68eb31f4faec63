package io.meterflow.mbus.wireless;

import io.meterflow.model.DeviceId;
import io.meterflow.model.Frame;
import io.meterflow.model.KeyRequiredException;

/**
 * The telegram is encrypted and no key was given for the meter. The frame is fine: keep it and
 * decode it again once the meter's key is known.
 */
public class MissingKeyException extends KeyRequiredException {

    private static final long serialVersionUID = 1L;

    public MissingKeyException(String message, int offset, DeviceId device) {
        super(message, offset, device, Frame.ENCRYPTION_KEY, false);
    }
}
