package io.meterflow.model;

/**
 * Thrown when text or bytes cannot be read as an OBIS code.
 *
 * <p>OBIS codes arrive from meters, configuration files and API callers; the message always
 * quotes what was given and, where it makes sense, the 1-based character position of the
 * problem, so that whoever typed it can fix it without reading the parser.
 */
public class InvalidObisCodeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String input;
    private final Integer position;

    /**
     * @param input    the text as given (may be {@code null})
     * @param problem  what is wrong, phrased for a person
     * @param position 1-based character position in the input as given, or {@code null}
     */
    public InvalidObisCodeException(String input, String problem, Integer position) {
        super(format(input, problem, position));
        this.input = input;
        this.position = position;
    }

    /** The text that was rejected, as given (may be {@code null}). */
    public String input() {
        return input;
    }

    /** 1-based character position of the problem in the input as given, or {@code null}. */
    public Integer position() {
        return position;
    }

    private static String format(String input, String problem, Integer position) {
        String quoted = input == null ? "null" : '"' + input + '"';
        String where = position == null ? "" : " at position " + position;
        return "invalid OBIS code " + quoted + ": " + problem + where;
    }
}
