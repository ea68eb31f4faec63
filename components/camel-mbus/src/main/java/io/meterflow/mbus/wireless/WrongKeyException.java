package io.meterflow.mbus.wireless;

import io.meterflow.model.DeviceId;
import io.meterflow.model.Frame;
import io.meterflow.model.KeyRequiredException;

/**
 * The telegram was decrypted with the given key, but the plaintext does not start with the
 * 0x2F 0x2F check bytes: the key is not this meter's. Keep the frame; correct the key.
 */
public class WrongKeyException extends KeyRequiredException {

    private static final long serialVersionUID = 1L;

    public WrongKeyException(String message, int offset, DeviceId device) {
        super(message, offset, device, Frame.ENCRYPTION_KEY, true);
    }
}
