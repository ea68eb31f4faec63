package io.meterflow.iec62056.readout;

import io.meterflow.model.DecodeException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads IEC 62056-21 readouts and DSMR P1 telegrams from their characters.
 *
 * <p>Accepted shapes, each optionally preceded by blank lines:
 * <ul>
 *   <li>{@code /XXXZIdent CR LF STX data-block ! CR LF ETX BCC}: a mode A, B or C readout with its
 *       block check character, which must match;</li>
 *   <li>{@code /XXXZIdent CR LF CR LF data-lines !} or {@code ... !CRC}: a mode D readout or P1
 *       telegram; when four hex digits follow the '!', the CRC16 from '/' to '!' must match;</li>
 *   <li>data lines ending with a {@code !} line and no identification (captures of only the
 *       data block).</li>
 * </ul>
 * A line that starts with '(' continues the data set before it (DSMR 2.2/3 gas profiles,
 * IEC profile rows). Characters are taken as ISO-8859-1 bytes, so an offset in an exception is
 * also the byte offset in the frame.
 */
public final class ReadoutParser {

    /** Longer than the 16 of IEC 62056-21: some meters write full OBIS codes with '*F'. */
    static final int MAX_ADDRESS = 32;
    /** DSMR text messages (0-0:96.13.0) may hold 1024 characters written as 2048 hex digits. */
    static final int MAX_VALUE = 4096;
    static final int MAX_UNIT = 16;

    private final String text;
    private int pos;

    private ReadoutParser(String text, int pos) {
        this.text = text;
        this.pos = pos;
    }

    /** A readout, telegram or bare data block ending with '!'. */
    public static Readout parse(String text) {
        return parse(text, false);
    }

    /**
     * @param requireIdentification true for P1 telegrams, which always start with '/'
     */
    public static Readout parse(String text, boolean requireIdentification) {
        if (text == null) {
            throw new DecodeException("no readout text");
        }
        return new ReadoutParser(text, 0).readout(requireIdentification);
    }

    /** The data sets of one data line such as {@code 1.8.1(12*kWh)1.8.2(13*kWh)}. */
    public static List<DataSet> parseDataLine(String line) {
        ReadoutParser p = new ReadoutParser(line, 0);
        List<DataSet> sets = p.dataSets(false);
        p.expectEnd("data line");
        return sets;
    }

    /** Exactly one data set, e.g. {@code 3.1.0(100*kWh)}. */
    public static DataSet parseDataSet(String text) {
        List<DataSet> sets = parseDataLine(text);
        if (sets.size() != 1) {
            throw new DecodeException("expected one data set but found " + sets.size(), 0);
        }
        return sets.get(0);
    }

    /** A data block: data lines, each ended by CR LF, up to an optional '!' or ETX. */
    public static List<DataSet> parseDataBlock(String text) {
        ReadoutParser p = new ReadoutParser(text, 0);
        return p.dataSets(true);
    }

    private Readout readout(boolean requireIdentification) {
        skipLineBreaks();
        if (pos >= text.length()) {
            throw new DecodeException("readout is empty", pos);
        }
        Identification ident = null;
        int headerStart = -1;
        if (text.charAt(pos) == '/') {
            headerStart = pos;
            int eol = lineEnd(pos);
            if (eol >= text.length()) {
                throw new DecodeException("identification line is not ended by CR LF", pos);
            }
            ident = Identification.parse(text.substring(pos, eol), pos);
            pos = eol;
            skipLineBreaks();
        } else if (requireIdentification) {
            throw new DecodeException("expected '/' of the identification line but found "
                    + describe(text.charAt(pos)), pos);
        }
        if (pos < text.length() && text.charAt(pos) == Bcc.STX) {
            return blockWithBcc(ident);
        }
        List<DataSet> sets = dataSets(true);
        if (pos >= text.length() || text.charAt(pos) != '!') {
            throw new DecodeException(pos >= text.length() ? "readout has no end line '!'"
                    : "expected '!' but found " + describe(text.charAt(pos)), pos);
        }
        int bang = pos;
        int eol = lineEnd(bang);
        String endLine = text.substring(bang, eol);
        Readout.Check check = Readout.Check.NONE;
        String checkValue = null;
        if (endLine.length() == 5 && isHex(endLine, 1, 5)) {
            if (headerStart < 0) {
                throw new DecodeException("end line " + endLine + " carries a CRC but there is no identification line", bang);
            }
            int received = Integer.parseInt(endLine.substring(1), 16);
            int computed = Crc16.compute(text, headerStart, bang + 1);
            if (received != computed) {
                throw new DecodeException(String.format("CRC16 mismatch: telegram says %04X, computed %04X",
                        received, computed), bang + 1);
            }
            check = Readout.Check.CRC16;
            checkValue = endLine.substring(1).toUpperCase(java.util.Locale.ROOT);
        } else if (endLine.length() != 1) {
            throw new DecodeException("end line \"" + endLine + "\" is neither '!' nor '!' and four hex digits", bang);
        }
        pos = eol;
        expectEnd("readout");
        return new Readout(ident, sets, check, checkValue, endLine);
    }

    private Readout blockWithBcc(Identification ident) {
        int stx = pos;
        pos++;
        List<DataSet> sets = dataSets(true);
        String endLine = null;
        if (pos < text.length() && text.charAt(pos) == '!') {
            endLine = "!";
            pos++;
            skipLineBreaks();
        }
        if (pos >= text.length()) {
            throw new DecodeException("data block has no ETX", pos);
        }
        if (text.charAt(pos) != Bcc.ETX) {
            throw new DecodeException("expected ETX but found " + describe(text.charAt(pos)), pos);
        }
        int etx = pos;
        if (etx + 1 >= text.length()) {
            throw new DecodeException("data block ends without its BCC", etx + 1);
        }
        int received = text.charAt(etx + 1) & 0xFF;
        int computed = Bcc.compute(text, stx + 1, etx + 1);
        if (received != computed) {
            throw new DecodeException(String.format("BCC mismatch: block says %02X, computed %02X", received, computed),
                    etx + 1);
        }
        pos = etx + 2;
        expectEnd("readout");
        return new Readout(ident, sets, Readout.Check.BCC, String.format("%02X", received), endLine);
    }

    /**
     * Data sets up to '!', ETX or the end of the text.
     *
     * @param multiLine whether CR LF may separate data sets
     */
    private List<DataSet> dataSets(boolean multiLine) {
        List<DataSet> sets = new ArrayList<>();
        String address = null;
        int addressAt = 0;
        List<DataValue> values = null;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\r' || c == '\n') {
                if (!multiLine) {
                    throw new DecodeException("line break inside a data line", pos);
                }
                pos++;
                continue;
            }
            if (c == ' ' || c == '\t') {
                pos++;
                continue;
            }
            if (c == '!' || c == Bcc.ETX) {
                break;
            }
            if (c == '(') {
                if (values == null) {
                    throw new DecodeException("value without a data set address", pos);
                }
                values(values);
                continue;
            }
            if (values != null) {
                sets.add(new DataSet(address, values, addressAt));
            }
            addressAt = pos;
            address = address();
            values = new ArrayList<>();
            values(values);
        }
        if (values != null) {
            sets.add(new DataSet(address, values, addressAt));
        }
        return sets;
    }

    private String address() {
        int start = pos;
        while (pos < text.length() && isAddressChar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw new DecodeException("unexpected " + describe(text.charAt(pos)) + " where a data set address starts", pos);
        }
        if (pos - start > MAX_ADDRESS) {
            throw new DecodeException("data set address is longer than " + MAX_ADDRESS + " characters", start);
        }
        if (pos >= text.length() || text.charAt(pos) != '(') {
            throw new DecodeException("data set address \"" + text.substring(start, pos) + "\" is not followed by '('"
                    + (pos < text.length() ? " but by " + describe(text.charAt(pos)) : ""), pos);
        }
        return text.substring(start, pos);
    }

    private void values(List<DataValue> into) {
        while (pos < text.length() && text.charAt(pos) == '(') {
            int open = pos;
            int star = -1;
            int i = open + 1;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == ')') {
                    break;
                }
                if (c == '(' || c < 0x20 || c == 0x7F) {
                    throw new DecodeException("unexpected " + describe(c) + " inside a value", i);
                }
                if (c == '*' && star < 0) {
                    star = i;
                }
                if (i - open > MAX_VALUE) {
                    throw new DecodeException("value is longer than " + MAX_VALUE + " characters", open);
                }
            }
            if (i >= text.length()) {
                throw new DecodeException("value is not closed by ')'", open);
            }
            if (star >= 0) {
                if (i - star - 1 > MAX_UNIT) {
                    throw new DecodeException("unit is longer than " + MAX_UNIT + " characters", star + 1);
                }
                into.add(new DataValue(text.substring(open + 1, star), text.substring(star + 1, i)));
            } else {
                into.add(new DataValue(text.substring(open + 1, i), null));
            }
            pos = i + 1;
        }
    }

    private void skipLineBreaks() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != '\r' && c != '\n') {
                break;
            }
            pos++;
        }
    }

    private void expectEnd(String what) {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != '\r' && c != '\n' && c != ' ' && c != '\t' && c != 0) {
                throw new DecodeException("unexpected " + describe(c) + " after the end of the " + what, pos);
            }
            pos++;
        }
    }

    private int lineEnd(int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
            i++;
        }
        return i;
    }

    private static boolean isAddressChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                || c == '.' || c == ':' || c == '-' || c == '*' || c == '&' || c == '_';
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    static String describe(char c) {
        if (c >= 0x20 && c < 0x7F) {
            return "'" + c + "'";
        }
        return String.format("0x%02X", (int) c);
    }
}
