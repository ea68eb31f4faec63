package io.meterflow.mbus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterflow.mbus.codec.Hex;
import io.meterflow.mbus.codec.MbusDecoder;
import io.meterflow.mbus.wireless.WirelessDecoder;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * wmbusmeters driver tests (wireless and wired): every numeric field of {@code expected} whose name
 * ends in a unit suffix must be among the readings, converted to the canonical unit.
 */
class WmbusmetersConformanceTest {

    /** Floors recorded from the last full run; below them the test fails. */
    static final int CASES_DECODED_FLOOR = 292;
    static final int FIELDS_FLOOR = 1749;

    /** Unit suffix to the canonical unit and factor(s) that convert a wmbusmeters value. */
    static final Map<String, Object[][]> SUFFIXES = new TreeMap<>();

    static {
        put("m3", Unit.CUBIC_METRE, "1");
        put("l", Unit.CUBIC_METRE, "0.001");
        put("kwh", Unit.WATT_HOUR, "1000", Unit.JOULE, "3600000");
        put("mwh", Unit.WATT_HOUR, "1000000", Unit.JOULE, "3600000000");
        put("gj", Unit.JOULE, "1000000000", Unit.WATT_HOUR, "277777.7777777778");
        put("mj", Unit.JOULE, "1000000", Unit.WATT_HOUR, "277.7777777777778");
        // a temperature difference in degC is the same number in K
        put("c", Unit.DEGREE_CELSIUS, "1", Unit.KELVIN, "1");
        put("k", Unit.KELVIN, "1");
        put("kw", Unit.WATT, "1000");
        put("w", Unit.WATT, "1");
        put("m3h", Unit.CUBIC_METRE_PER_HOUR, "1");
        put("lh", Unit.CUBIC_METRE_PER_HOUR, "0.001");
        put("v", Unit.VOLT, "1");
        put("a", Unit.AMPERE, "1");
        put("hz", Unit.HERTZ, "1");
        put("h", Unit.SECOND, "3600");
        put("s", Unit.SECOND, "1");
        put("d", Unit.SECOND, "86400");
        put("min", Unit.SECOND, "60");
        put("kvarh", Unit.VAR_HOUR, "1000");
        put("kvar", Unit.VAR, "1000");
        put("kvah", Unit.VOLT_AMPERE_HOUR, "1000");
        put("kva", Unit.VOLT_AMPERE, "1000");
        put("bar", Unit.PASCAL, "100000");
        put("pct", Unit.PERCENT, "1");
        put("rh", Unit.PERCENT, "1");
        put("hca", Unit.NONE, "1");
    }

    private static void put(String suffix, Object... unitFactor) {
        Object[][] alternatives = new Object[unitFactor.length / 2][];
        for (int i = 0; i < alternatives.length; i++) {
            alternatives[i] = new Object[] {unitFactor[2 * i], new BigDecimal((String) unitFactor[2 * i + 1])};
        }
        SUFFIXES.put(suffix, alternatives);
    }

    @Test
    void everyUnitFieldIsAmongTheReadings() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("wmbus/wmbusmeters", "wmbus/wmbusmeters-historical", "mbus/wmbusmeters",
                "mbus/wmbusmeters-historical")) {
            try (Stream<Path> s = Files.list(TestData.resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".jsonl")).sorted().forEach(files::add);
            }
        }
        int cases = 0;
        int decoded = 0;
        int fields = 0;
        int fieldsOk = 0;
        List<String> notes = new ArrayList<>();
        for (Path file : files) {
            // one decoder a file, as one head-end receives a driver's telegrams in the order
            // wmbusmeters' tests feed them: compact frames may use a layout an earlier case's full
            // frame defined
            WirelessDecoder wireless = new WirelessDecoder();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                cases++;
                JsonNode c = json.readTree(line);
                String name = c.path("driver").asText() + "/" + c.path("meter_name").asText();
                List<Field> expected = fields(c.get("expected"));
                fields += expected.size();
                Telegram t;
                try {
                    t = decode(c, wireless);
                    decoded++;
                } catch (DecodeException e) {
                    if (name.startsWith(System.getProperty("wmbus.dump", "\u0000"))) {
                        e.printStackTrace(System.out);
                    }
                    notes.add(name + ": " + e.getMessage() + " (" + expected.size() + " fields)");
                    continue;
                }
                if (name.startsWith(System.getProperty("wmbus.dump", "\u0000"))) {
                    System.out.println("DUMP " + name + " " + t.device() + " events " + t.events());
                    t.readings().forEach(r -> System.out.println("DUMP   " + r.register() + " " + r.value() + " " + r.unit() + " " + r.description()));
                }
                for (Field f : expected) {
                    if (found(t, f)) {
                        fieldsOk++;
                    } else {
                        notes.add(name + ": " + f.name + " = " + f.value);
                    }
                }
            }
        }
        System.out.printf("wmbus conformance: wmbusmeters %d/%d cases decoded, %d/%d numeric unit fields (%.1f%%)%n",
                decoded, cases, fieldsOk, fields, 100.0 * fieldsOk / fields);
        notes.forEach(n -> System.out.println("  not matched: " + n));
        assertThat(cases).isEqualTo(301);
        assertThat(decoded).isGreaterThanOrEqualTo(CASES_DECODED_FLOOR);
        assertThat(fieldsOk).isGreaterThanOrEqualTo(FIELDS_FLOOR);
    }

    static Telegram decode(JsonNode c, WirelessDecoder decoder) {
        List<String> hex = new ArrayList<>();
        if (c.hasNonNull("telegrams_hex")) {
            c.get("telegrams_hex").forEach(h -> hex.add(h.asText()));
        } else {
            hex.add(c.get("telegram_hex").asText());
        }
        byte[] key = null;
        if (c.hasNonNull("key_hex") && !c.get("key_hex").asText().isEmpty()) {
            key = Hex.decode(c.get("key_hex").asText());
        }
        if ("mbus_wired_long_frame".equals(c.path("frame_type").asText())) {
            return new MbusDecoder().decode(Hex.decode(hex.get(hex.size() - 1)));
        }
        Telegram last = null;
        for (String h : hex) {
            last = decoder.decode(Hex.decode(h), key);
        }
        return last;
    }

    record Field(String name, String suffix, BigDecimal value) {
    }

    static List<Field> fields(JsonNode expected) {
        List<Field> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
                continue;
            }
            String name = e.getKey();
            int us = name.lastIndexOf('_');
            if (us < 0) {
                continue;
            }
            String suffix = name.substring(us + 1);
            if (SUFFIXES.containsKey(suffix)) {
                out.add(new Field(name, suffix, e.getValue().decimalValue()));
            }
        }
        return out;
    }

    static boolean found(Telegram t, Field f) {
        for (Object[] alt : SUFFIXES.get(f.suffix)) {
            Unit unit = (Unit) alt[0];
            BigDecimal want = f.value.multiply((BigDecimal) alt[1]);
            // wmbusmeters prints at most six decimals in its own unit: allow that rounding, converted
            BigDecimal tolerance = want.abs().multiply(new BigDecimal("0.000001"))
                    .max(new BigDecimal("0.0000006").multiply((BigDecimal) alt[1]));
            for (Reading r : t.readings()) {
                if (r.unit() == unit && r.value().subtract(want).abs().compareTo(tolerance) <= 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
