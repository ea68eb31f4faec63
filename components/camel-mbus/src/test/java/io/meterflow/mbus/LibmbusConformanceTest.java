package io.meterflow.mbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterflow.mbus.codec.Hex;
import io.meterflow.mbus.codec.MbusDecoder;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Event;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * libmbus test frames: every data record of the normalised XML must be among the decoded readings
 * (value and unit, after conversion) or, for dates, text and manufacturer data, among the events.
 * Error frames must give a telegram or a DecodeException, nothing else.
 */
class LibmbusConformanceTest {

    /** Floors: the counts reached when they were recorded; a regression below them fails. */
    static final int FRAMES_FLOOR = 57;
    static final int RECORDS_FLOOR = 722;

    private final MbusDecoder decoder = new MbusDecoder();

    @Test
    void testFramesDecodeToTheNormalisedValues() throws Exception {
        List<Path> frames = list("mbus/libmbus/test-frames");
        int framesOk = 0;
        int recordsOk = 0;
        int records = 0;
        List<String> failures = new ArrayList<>();
        for (Path hexFile : frames) {
            String name = hexFile.getFileName().toString().replace(".hex", "");
            Path norm = hexFile.resolveSibling(name + ".norm.xml");
            Telegram t;
            try {
                t = decoder.decode(Hex.decode(Files.readString(hexFile)));
            } catch (DecodeException e) {
                failures.add(name + ": " + e.getMessage());
                records += expected(norm).size();
                continue;
            }
            boolean all = true;
            List<String[]> rawRecords = expected(hexFile.resolveSibling(name + ".xml"));
            List<String[]> normRecords = expected(norm);
            for (int i = 0; i < normRecords.size(); i++) {
                String[] rec = normRecords.get(i);
                if (rec[0].equals("reserved but historic") && i > 0) {
                    // EN 1434-3: the second counter is the first one's historic value, same unit
                    rec = new String[] {normRecords.get(i - 1)[0], rec[1], rec[2]};
                }
                records++;
                String raw = i < rawRecords.size() ? rawRecords.get(i)[1] : "";
                if (found(t, rec[0], rec[1], rec[2]) || invalidBcdKept(t, raw)) {
                    recordsOk++;
                } else {
                    all = false;
                    failures.add(name + ": " + rec[2] + " = " + rec[1] + " " + rec[0]);
                }
            }
            if (all) {
                framesOk++;
            }
        }
        System.out.printf("mbus conformance: libmbus test-frames %d/%d frames, %d/%d records%n",
                framesOk, frames.size(), recordsOk, records);
        failures.forEach(f -> System.out.println("  not matched: " + f));
        assertThat(frames).hasSize(57);
        assertThat(framesOk).isGreaterThanOrEqualTo(FRAMES_FLOOR);
        assertThat(recordsOk).isGreaterThanOrEqualTo(Math.max(RECORDS_FLOOR, records));
    }

    @Test
    void errorAndUnsupportedFramesGiveATelegramOrADecodeException() throws Exception {
        List<Path> frames = new ArrayList<>(list("mbus/libmbus/error-frames"));
        frames.addAll(list("mbus/libmbus/unsupported-frames"));
        int rejected = 0;
        int decoded = 0;
        int errorsReported = 0;
        int errorsExpected = 0;
        for (Path hexFile : frames) {
            Path xml = hexFile.resolveSibling(hexFile.getFileName().toString().replace(".hex", ".xml"));
            String libmbusError = Files.exists(xml) ? errorOf(read(xml)) : null;
            if (libmbusError != null) {
                errorsExpected++;
            }
            try {
                Telegram t = decoder.decode(Hex.decode(Files.readString(hexFile)));
                decoded++;
                // libmbus reports the meter's application error (CI 0x70); so must we
                if (libmbusError != null && t.events().stream().anyMatch(e -> e.code().equals("application_error")
                        && normal(e.description()).equals(normal(libmbusError)))) {
                    errorsReported++;
                }
            } catch (DecodeException e) {
                rejected++;
            }
        }
        System.out.printf("mbus conformance: libmbus error/unsupported frames %d total, %d rejected with DecodeException, "
                + "%d decoded (partial), 0 other exceptions; application errors reported %d/%d%n",
                frames.size(), rejected, decoded, errorsReported, errorsExpected);
        assertThat(rejected + decoded).isEqualTo(20);
        assertThat(errorsReported).isEqualTo(errorsExpected).isEqualTo(7);
    }

    private static String errorOf(String xml) {
        int from = xml.indexOf("<Error>");
        return from < 0 ? null : xml.substring(from + 7, xml.indexOf("</Error>", from)).trim();
    }

    private static String normal(String text) {
        return text == null ? "" : text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    static List<Path> list(String dir) throws IOException {
        try (Stream<Path> s = Files.list(TestData.resolve(dir))) {
            return s.filter(p -> p.toString().endsWith(".hex")).sorted().toList();
        }
    }

    /** {unit, value, quantity} of every record of a normalised libmbus XML. */
    static List<String[]> expected(Path norm) throws Exception {
        byte[] xml = Files.readAllBytes(norm);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        Document doc = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml));
        NodeList list = doc.getElementsByTagName("DataRecord");
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            out.add(new String[] {text(e, "Unit"), text(e, "Value"), text(e, "Quantity")});
        }
        return out;
    }

    private static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().trim();
    }

    static boolean found(Telegram t, String unitText, String value, String quantity) {
        Unit unit = null;
        BigDecimal factor = BigDecimal.ONE;
        switch (unitText) {
            case "Wh": unit = Unit.WATT_HOUR; break;
            case "W": unit = Unit.WATT; break;
            case "A": unit = Unit.AMPERE; break;
            case "V": unit = Unit.VOLT; break;
            case "K": unit = Unit.KELVIN; break;
            case "J": unit = Unit.JOULE; break;
            case "s": unit = Unit.SECOND; break;
            case "m^3": unit = Unit.CUBIC_METRE; break;
            case "m^3/h": unit = Unit.CUBIC_METRE_PER_HOUR; break;
            case "°C": unit = Unit.DEGREE_CELSIUS; break;
            case "l": unit = Unit.CUBIC_METRE; factor = new BigDecimal("0.001"); break;
            default: break;
        }
        BigDecimal number = null;
        try {
            number = new BigDecimal(value).multiply(factor);
        } catch (NumberFormatException e) {
            // not a number: a date, text or manufacturer bytes
        }
        if (number != null) {
            // libmbus prints six decimals; compare to that resolution, scaled like the value
            BigDecimal tolerance = new BigDecimal("0.0000005").multiply(factor).max(number.abs().movePointLeft(9));
            for (Reading r : t.readings()) {
                if ((unit == null || r.unit() == unit) && r.value().subtract(number).abs().compareTo(tolerance) <= 0) {
                    return true;
                }
            }
            if (unit == null) {
                for (Event e : t.events()) {
                    String v = e.attributes().get("value");
                    if (v != null && matchesNumber(v, number)) {
                        return true;
                    }
                    if (value.equals(e.attributes().get("data"))) {
                        return true; // manufacturer bytes that happen to read as a number
                    }
                }
            }
            return false;
        }
        if (value.matches("\\d{4}-\\d{2}-\\d{2}(T.*)?")) {
            boolean valid = isTime(value);
            for (Event e : t.events()) {
                String v0 = e.attributes().get("value");
                if (!valid && v0 != null && (v0.startsWith("invalid date") || "invalid".equals(e.attributes().get("clock")))) {
                    return true; // libmbus prints an impossible date (day 0) as it is; we flag it
                }
                String v = e.attributes().get("value");
                if (valid && "time_point".equals(e.code()) && v != null && sameTime(v, value)) {
                    return true;
                }
            }
            return false;
        }
        String compact = value.replace(" ", "");
        for (Event e : t.events()) {
            for (String v : e.attributes().values()) {
                if (v.trim().equals(value.trim()) || (!compact.isEmpty() && v.contains(compact))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * libmbus turns BCD digits A-F (error markers on the display) into a number nibble by nibble;
     * Meterflow keeps such a value as text instead. The raw XML shows the digits.
     */
    static boolean invalidBcdKept(Telegram t, String rawValue) {
        if (!rawValue.matches("[0-9A-F]*[A-F][0-9A-F]*")) {
            return false;
        }
        return t.events().stream().anyMatch(e -> ("invalid BCD " + rawValue).equals(e.attributes().get("value")));
    }

    private static boolean matchesNumber(String text, BigDecimal number) {
        try {
            return new BigDecimal(text.trim()).compareTo(number) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isTime(String expected) {
        try {
            sameTime("2000-01-01T00:00", expected);
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    private static boolean sameTime(String decoded, String expected) {
        String e = expected.endsWith("Z") ? expected.substring(0, expected.length() - 1) : expected;
        LocalDateTime d = LocalDateTime.parse(decoded);
        if (e.length() == 10) {
            return java.time.LocalDate.parse(e).equals(d.toLocalDate());
        }
        return d.equals(LocalDateTime.parse(e));
    }

    static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
    }
}
