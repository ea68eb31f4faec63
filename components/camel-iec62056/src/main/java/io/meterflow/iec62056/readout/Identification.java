package io.meterflow.iec62056.readout;

import io.meterflow.model.DecodeException;

/**
 * The identification message a meter sends after sign-on, and the first line of every mode D
 * readout and P1 telegram: {@code /XXXZ\WIdent}.
 *
 * <ul>
 *   <li>{@code XXX}: the FLAG manufacturer code; a lower-case third letter announces that the meter
 *       answers within 20 ms instead of 200 ms.</li>
 *   <li>{@code Z}: the baud-rate character. In mode C it is {@code 0}..{@code 6} (300..19200 Bd);
 *       mode B uses {@code A}..{@code F}; any other character means mode A (or a vendor mode).</li>
 *   <li>{@code \W}: optional enhanced-identification sequences, a backslash and one character each;
 *       {@code \2} announces mode E (HDLC).</li>
 *   <li>{@code Ident}: the meter's type and version, up to 16 printable characters by the standard
 *       (P1 meters often write more).</li>
 * </ul>
 *
 * @param line           the line after '/' as received, without CR LF
 * @param manufacturer   the three manufacturer characters as written
 * @param baudChar       the baud-rate character
 * @param enhanced       the characters after each backslash, in order (e.g. "2"); empty if none
 * @param identification the identification proper, or null if the meter sent none
 */
public record Identification(String line, String manufacturer, char baudChar, String enhanced, String identification) {

    /**
     * Parses an identification line, with or without its leading '/'.
     *
     * @param offset where the line starts in the enclosing text, for error positions
     */
    public static Identification parse(String text, int offset) {
        String line = text.startsWith("/") ? text.substring(1) : text;
        int base = text.startsWith("/") ? offset + 1 : offset;
        if (line.length() < 4) {
            throw new DecodeException("identification \"" + text + "\" is shorter than /XXXZ", offset);
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            // Control characters are let through: one Irish Iskra firmware writes STX where the
            // standard has "\2", and its CRC covers that byte. Only NUL and DEL mean noise.
            if (c == 0 || c == 0x7F) {
                throw new DecodeException("identification holds the character 0x"
                        + Integer.toHexString(c), base + i);
            }
        }
        for (int i = 0; i < 3; i++) {
            char c = line.charAt(i);
            if (!Character.isLetter(c)) {
                throw new DecodeException("manufacturer code \"" + line.substring(0, 3)
                        + "\" must be three letters", base + i);
            }
        }
        char baud = line.charAt(3);
        int i = 4;
        StringBuilder enhanced = new StringBuilder();
        while (i + 1 < line.length() && line.charAt(i) == '\\') {
            enhanced.append(line.charAt(i + 1));
            i += 2;
        }
        String ident = i < line.length() ? line.substring(i) : null;
        return new Identification(line, line.substring(0, 3), baud, enhanced.toString(), ident);
    }

    /** Whether the meter announces mode E (HDLC, IEC 62056-46) with the {@code \2} sequence. */
    public boolean announcesModeE() {
        return enhanced.indexOf('2') >= 0;
    }

    /** Whether the lower-case third letter says the meter answers within 20 ms. */
    public boolean fastReaction() {
        return Character.isLowerCase(manufacturer.charAt(2));
    }

    /**
     * The highest baud rate the meter offers, by the baud-rate character of mode C/E
     * ({@code 0}..{@code 9}) or mode B ({@code A}..{@code I}); 300 for anything else (mode A).
     */
    public int maxBaudRate() {
        return BaudRates.ofCharacter(baudChar);
    }

    @Override
    public String toString() {
        return "/" + line;
    }
}
