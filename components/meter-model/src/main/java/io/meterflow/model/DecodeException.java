package io.meterflow.model;

/**
 * A frame or message could not be decoded. Decoders throw this instead of letting a
 * NullPointerException or IndexOutOfBoundsException escape, so that a route can tell "bad data
 * from the field" from "bug in Meterflow" and park the raw bytes for later analysis.
 *
 * <p>Unchecked, because decoders are called from routes that handle all failures in one place.
 */
public class DecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Integer offset;

    public DecodeException(String message) {
        super(message);
        this.offset = null;
    }

    public DecodeException(String message, Throwable cause) {
        super(message, cause);
        this.offset = null;
    }

    /** @param offset 0-based byte offset in the frame where decoding failed */
    public DecodeException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** @param offset 0-based byte offset in the frame where decoding failed */
    public DecodeException(String message, int offset, Throwable cause) {
        super(message, cause);
        this.offset = offset;
    }

    /** The 0-based byte offset of the problem in the frame, or {@code null} if not known. */
    public Integer offset() {
        return offset;
    }

    /** The message as given, without the offset. */
    public String reason() {
        return super.getMessage();
    }

    @Override
    public String getMessage() {
        return offset == null ? super.getMessage() : super.getMessage() + " at byte " + offset;
    }
}
