package io.meterflow.model;

/**
 * The frame is encrypted or authenticated and the key to open it was not given, or did not open
 * it. Carries the device identity read from the frame's clear header, so a caller can look the
 * meter's key up and decode again; the frame itself is kept, not dropped.
 */
public class KeyRequiredException extends DecodeException {

    private static final long serialVersionUID = 1L;

    private final transient DeviceId device;
    private final String keyKind;
    private final boolean wrongKey;

    /**
     * @param device   the sender as far as the clear header tells; null if it does not
     * @param keyKind  the kind of key needed ({@link Frame#ENCRYPTION_KEY}, {@link Frame#AUTHENTICATION_KEY})
     * @param wrongKey true when a key was given but did not open the frame
     */
    public KeyRequiredException(String message, DeviceId device, String keyKind, boolean wrongKey) {
        super(message);
        this.device = device;
        this.keyKind = keyKind;
        this.wrongKey = wrongKey;
    }

    /** @param offset 0-based byte offset of the secured part of the frame */
    public KeyRequiredException(String message, int offset, DeviceId device, String keyKind, boolean wrongKey) {
        super(message, offset);
        this.device = device;
        this.keyKind = keyKind;
        this.wrongKey = wrongKey;
    }

    public DeviceId device() {
        return device;
    }

    public String keyKind() {
        return keyKind;
    }

    public boolean wrongKey() {
        return wrongKey;
    }
}
