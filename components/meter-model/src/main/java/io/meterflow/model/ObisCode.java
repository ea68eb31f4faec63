package io.meterflow.model;

import java.util.Comparator;
import java.util.Locale;

/**
 * An OBIS code (IEC 62056-61): six value groups A-B:C.D.E*F, each 0..255.
 *
 * <p>Meters are inconsistent in how they print OBIS codes, so {@link #parse(String)} accepts the
 * spellings seen in practice, while {@link #toString()} always produces the one full form
 * {@code A-B:C.D.E*F}. That full form is what Meterflow stores as a reading's register, so two
 * meters printing {@code 1.8.0} and {@code 1-0:1.8.0*255} end up on the same register.
 *
 * <p>Accepted text forms (surrounding whitespace is ignored):
 * <ul>
 *   <li>{@code A-B:C.D.E*F}, e.g. {@code 1-0:1.8.0*255}</li>
 *   <li>{@code A-B:C.D.E}, F is 255 ("not used")</li>
 *   <li>{@code A-B:C.D.E.F}, a dot before F as some meters print it</li>
 *   <li>{@code C.D.E} and {@code C.D.E*F}, the short forms on meter displays and in IEC 62056-21
 *       data sets; A and B then come from the caller (electricity 1-0 by default)</li>
 * </ul>
 * In value group C the letters of IEC 62056-61 are accepted: C = 96 (general service entries),
 * F = 97 (error registers), L = 98 (lists), P = 99 (profiles).
 */
public record ObisCode(int a, int b, int c, int d, int e, int f) implements Comparable<ObisCode> {

    /** Value group A used for short forms when the caller does not say otherwise: electricity. */
    public static final int DEFAULT_A = 1;
    /** Value group B used for short forms when the caller does not say otherwise: channel 0. */
    public static final int DEFAULT_B = 0;

    private static final Comparator<ObisCode> ORDER = Comparator.comparingInt(ObisCode::a)
            .thenComparingInt(ObisCode::b)
            .thenComparingInt(ObisCode::c)
            .thenComparingInt(ObisCode::d)
            .thenComparingInt(ObisCode::e)
            .thenComparingInt(ObisCode::f);

    public ObisCode {
        int[] values = {a, b, c, d, e, f};
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > 255) {
                String given = a + "-" + b + ":" + c + "." + d + "." + e + "*" + f;
                throw new InvalidObisCodeException(given,
                        "value group " + "ABCDEF".charAt(i) + " is " + values[i] + ", outside 0..255", null);
            }
        }
    }

    /** Builds a code from its six value groups; each must be 0..255. */
    public static ObisCode of(int a, int b, int c, int d, int e, int f) {
        return new ObisCode(a, b, c, d, e, f);
    }

    /**
     * Parses any accepted form; short forms ({@code C.D.E}, {@code C.D.E*F}) get A=1, B=0.
     *
     * @throws InvalidObisCodeException if the text is not an OBIS code
     */
    public static ObisCode parse(String s) {
        return parse(s, DEFAULT_A, DEFAULT_B);
    }

    /**
     * Parses any accepted form; short forms take the given A (medium, e.g. gas 7, see
     * {@link Medium#obisA()}) and B (channel). Full forms keep their own A and B.
     *
     * @throws InvalidObisCodeException if the text is not an OBIS code or a default is out of range
     */
    public static ObisCode parse(String s, int defaultA, int defaultB) {
        if (defaultA < 0 || defaultA > 255 || defaultB < 0 || defaultB > 255) {
            throw new InvalidObisCodeException(s,
                    "default A/B must be 0..255 but were " + defaultA + "/" + defaultB, null);
        }
        if (s == null) {
            throw new InvalidObisCodeException(null, "no text given", null);
        }
        return new Parser(s).parse(defaultA, defaultB);
    }

    /** Whether {@link #parse(String)} would accept the text. */
    public static boolean isValid(String s) {
        if (s == null) {
            return false;
        }
        try {
            parse(s);
            return true;
        } catch (InvalidObisCodeException e) {
            return false;
        }
    }

    /**
     * Reads the 6-byte octet-string DLMS/COSEM uses for logical names.
     *
     * @throws InvalidObisCodeException if the array is null or not exactly 6 bytes long
     */
    public static ObisCode fromBytes(byte[] six) {
        if (six == null || six.length != 6) {
            throw new InvalidObisCodeException(six == null ? null : hex(six),
                    "a logical name needs exactly 6 bytes but got "
                            + (six == null ? "none" : String.valueOf(six.length)), null);
        }
        return new ObisCode(six[0] & 0xFF, six[1] & 0xFF, six[2] & 0xFF,
                six[3] & 0xFF, six[4] & 0xFF, six[5] & 0xFF);
    }

    /** The 6-byte octet-string form used as a DLMS/COSEM logical name; a new array each call. */
    public byte[] toBytes() {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d, (byte) e, (byte) f};
    }

    /** The full form {@code A-B:C.D.E*F}, e.g. {@code 1-0:1.8.0*255}. */
    @Override
    public String toString() {
        return a + "-" + b + ":" + c + "." + d + "." + e + "*" + f;
    }

    /** The display form {@code C.D.E}, e.g. {@code 1.8.0}; drops A, B and F. */
    public String toShortString() {
        return c + "." + d + "." + e;
    }

    @Override
    public int compareTo(ObisCode other) {
        return ORDER.compare(this, other);
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * A hand-written scanner rather than a regular expression, so that a rejection can say which
     * character is wrong and what was expected there.
     */
    private static final class Parser {
        private final String original;
        private final String text;
        // Positions are reported against the text as given, so leading whitespace counts.
        private final int lead;
        private int pos;

        Parser(String original) {
            this.original = original;
            this.text = original.strip();
            this.lead = text.isEmpty() ? 0 : original.length() - original.stripLeading().length();
        }

        ObisCode parse(int defaultA, int defaultB) {
            if (text.isEmpty()) {
                throw fail("no text given", null);
            }
            // The first group is A in the full form but C in the short form; only the separator
            // after it tells which, so it may hold a letter until we know.
            int firstStart = pos;
            int first = group("A or C", true);
            if (pos >= text.length()) {
                throw fail("ended early; expected '-' (full form A-B:C.D.E) or '.' (short form C.D.E)",
                        pos + 1);
            }
            char sep = text.charAt(pos);
            if (sep == '-') {
                if (!Character.isDigit(text.charAt(firstStart))) {
                    throw fail("letter '" + text.charAt(firstStart)
                            + "' is only allowed in value group C", firstStart + 1);
                }
                pos++;
                int b = group("B", false);
                expect(':');
                int c = group("C", true);
                expect('.');
                int d = group("D", false);
                expect('.');
                int e = group("E", false);
                int f = 255;
                if (pos < text.length()) {
                    char fs = text.charAt(pos);
                    if (fs != '*' && fs != '.') {
                        throw fail("unexpected '" + fs + "'; expected '*' or '.' before value group F", pos + 1);
                    }
                    pos++;
                    f = group("F", false);
                }
                end();
                return new ObisCode(first, b, c, d, e, f);
            }
            if (sep == '.') {
                pos++;
                int d = group("D", false);
                if (pos >= text.length()) {
                    throw fail("ended early; a short form needs three value groups C.D.E", pos + 1);
                }
                expect('.');
                int e = group("E", false);
                int f = 255;
                if (pos < text.length()) {
                    if (text.charAt(pos) != '*') {
                        throw fail("unexpected '" + text.charAt(pos)
                                + "'; a short form may only continue with '*F'", pos + 1);
                    }
                    pos++;
                    f = group("F", false);
                }
                end();
                return new ObisCode(defaultA, defaultB, first, d, e, f);
            }
            throw fail("unexpected '" + sep + "'; expected '-' or '.'", pos + 1);
        }

        /** Reads one value group: 1..3 decimal digits, or one of the IEC letters where allowed. */
        private int group(String name, boolean letterAllowed) {
            if (pos >= text.length()) {
                throw fail("ended early; expected value group " + name, pos + 1);
            }
            char ch = text.charAt(pos);
            if (!isAsciiDigit(ch)) {
                int letter = letterValue(ch);
                if (letterAllowed && letter >= 0) {
                    pos++;
                    return letter;
                }
                if (letter >= 0) {
                    throw fail("letter '" + ch + "' is only allowed in value group C", pos + 1);
                }
                throw fail("expected a digit for value group " + name + " but found '" + ch + "'", pos + 1);
            }
            int start = pos;
            long value = 0;
            while (pos < text.length() && isAsciiDigit(text.charAt(pos))) {
                // Cap the accumulator so a long run of digits cannot overflow into a valid value.
                value = Math.min(value * 10 + (text.charAt(pos) - '0'), 100_000);
                pos++;
            }
            if (value > 255) {
                String digits = text.substring(start, pos);
                throw fail("value group " + name + " is " + digits + ", outside 0..255", start + 1);
            }
            return (int) value;
        }

        private void expect(char wanted) {
            if (pos >= text.length()) {
                throw fail("ended early; expected '" + wanted + "'", pos + 1);
            }
            char ch = text.charAt(pos);
            if (ch != wanted) {
                throw fail("expected '" + wanted + "' but found '" + ch + "'", pos + 1);
            }
            pos++;
        }

        private void end() {
            if (pos < text.length()) {
                throw fail("unexpected '" + text.charAt(pos) + "' after the last value group", pos + 1);
            }
        }

        private InvalidObisCodeException fail(String problem, Integer position) {
            return new InvalidObisCodeException(original, problem, position == null ? null : position + lead);
        }

        private static boolean isAsciiDigit(char ch) {
            return ch >= '0' && ch <= '9';
        }

        /** IEC 62056-61 letters for value group C; lower case is tolerated, meters vary. */
        private static int letterValue(char ch) {
            switch (Character.toUpperCase(ch)) {
                case 'C': return 96;
                case 'F': return 97;
                case 'L': return 98;
                case 'P': return 99;
                default: return -1;
            }
        }
    }
}
