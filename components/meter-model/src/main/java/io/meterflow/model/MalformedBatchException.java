package io.meterflow.model;

/**
 * A reading batch in JSON form could not be accepted. The message starts with the JSON path of
 * the offending part ({@code readings[3].value: not a decimal number "12,3"}) or says where the
 * JSON itself is broken, because the sender usually has to fix it by reading the message alone.
 */
public class MalformedBatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * @param path    JSON path of the offending value, e.g. {@code readings[3].value}; {@code $}
     *                for the document as a whole
     * @param problem what is wrong with it
     */
    public MalformedBatchException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /** For JSON that cannot be parsed at all; the message says where. */
    public MalformedBatchException(String message, Throwable cause) {
        super(message, cause);
        this.path = null;
    }

    /** The JSON path of the problem, or {@code null} if the JSON could not be parsed. */
    public String path() {
        return path;
    }
}
