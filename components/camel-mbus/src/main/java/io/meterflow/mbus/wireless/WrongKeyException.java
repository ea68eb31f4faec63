package io.meterflow.mbus.wireless;

import io.meterflow.model.DecodeException;

/**
 * The telegram was decrypted with the given key, but the plaintext does not start with the
 * 0x2F 0x2F check bytes: the key is not this meter's. Keep the frame; correct the key.
 */
public class WrongKeyException extends DecodeException {

    private static final long serialVersionUID = 1L;

    public WrongKeyException(String message, int offset) {
        super(message, offset);
    }
}
