package io.meterflow.hub.decode;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.meterflow.model.ObisCode;
import io.meterflow.model.Reading;
import io.meterflow.model.Unit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

/**
 * What a head-end does to decoded readings before they are stored: a meter type's register
 * mapping (config/meter-types/*.yaml, and {@code meterflow.meter-types.directory}), and the
 * meter's current and voltage transformer ratios.
 *
 * <p>CT/VT ratios describe a meter that measures through transformers and reports secondary
 * values: energy and power are multiplied by CT x VT, current by CT, voltage by VT. A meter that
 * already reports primary values keeps both ratios at 1.
 */
@Component
public class Normalizer {

    /** A meter type's mapping of one reported register. */
    public record Mapping(String register, Unit unit, String description) {
    }

    public record MeterType(String name, String medium, Map<String, Mapping> registers) {
    }

    private static final Logger log = LoggerFactory.getLogger(Normalizer.class);
    private static final Set<Unit> POWER_AND_ENERGY = Set.of(Unit.WATT_HOUR, Unit.WATT, Unit.VAR_HOUR, Unit.VAR,
            Unit.VOLT_AMPERE_HOUR, Unit.VOLT_AMPERE);
    private static final BigDecimal JOULES_PER_WH = BigDecimal.valueOf(3600);

    private final Map<String, MeterType> types = new LinkedHashMap<>();

    public Normalizer(@Value("${meterflow.meter-types.directory:}") String directory) throws IOException {
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:meter-types/*.yaml")) {
            try (InputStream in = r.getInputStream()) {
                add(parse(in, r.getDescription()));
            }
        }
        if (!directory.isBlank()) {
            try (var files = Files.list(Path.of(directory))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(f)) {
                        add(parse(in, f.toString()));
                    }
                }
            }
        }
        log.info("Meter types: {}", types.keySet());
    }

    public boolean knows(String type) {
        return types.containsKey(type);
    }

    public Set<String> typeNames() {
        return types.keySet();
    }

    public List<Reading> normalize(String meterType, BigDecimal ct, BigDecimal vt, List<Reading> readings) {
        MeterType type = meterType == null ? null : types.get(meterType);
        boolean transformers = ct != null && vt != null && (ct.compareTo(BigDecimal.ONE) != 0 || vt.compareTo(BigDecimal.ONE) != 0);
        if (type == null && !transformers) {
            return readings;
        }
        List<Reading> out = new ArrayList<>(readings.size());
        for (Reading r : readings) {
            String register = r.register();
            BigDecimal value = r.value();
            Unit unit = r.unit();
            String description = r.description();
            Mapping m = type == null ? null : type.registers().get(register);
            if (m != null) {
                register = m.register();
                if (m.description() != null) {
                    description = m.description();
                }
                if (m.unit() != null && m.unit() != unit) {
                    // Only J and Wh convert into each other; any other unit is kept as reported.
                    BigDecimal converted = convert(value, unit, m.unit());
                    if (converted != null) {
                        value = converted;
                        unit = m.unit();
                    }
                }
            }
            if (transformers) {
                if (POWER_AND_ENERGY.contains(unit)) {
                    value = value.multiply(ct).multiply(vt);
                } else if (unit == Unit.AMPERE) {
                    value = value.multiply(ct);
                } else if (unit == Unit.VOLT) {
                    value = value.multiply(vt);
                }
            }
            out.add(new Reading(register, value, unit, r.timestamp(), r.quality(), description));
        }
        return out;
    }

    /** The value in {@code to}, or null when J and Wh are not the pair. */
    private static BigDecimal convert(BigDecimal value, Unit from, Unit to) {
        if (from == Unit.JOULE && to == Unit.WATT_HOUR) {
            return value.divide(JOULES_PER_WH, MathContext.DECIMAL128).stripTrailingZeros();
        }
        if (from == Unit.WATT_HOUR && to == Unit.JOULE) {
            return value.multiply(JOULES_PER_WH);
        }
        return null;
    }

    private void add(MeterType t) {
        if (types.put(t.name(), t) != null) {
            log.warn("Meter type {} is defined twice; the later definition is used", t.name());
        }
    }

    @SuppressWarnings("unchecked")
    static MeterType parse(InputStream in, String where) {
        Object doc = new Yaml().load(in);
        if (!(doc instanceof Map<?, ?> root) || !(root.get("name") instanceof String name)) {
            throw new IllegalStateException(where + ": a meter type needs a name");
        }
        Map<String, Mapping> registers = new LinkedHashMap<>();
        Object regs = root.get("registers");
        if (regs instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String from = String.valueOf(e.getKey());
                if (!(e.getValue() instanceof Map<?, ?> spec) || !(spec.get("register") instanceof String to)) {
                    throw new IllegalStateException(where + ": registers." + from + " needs a register");
                }
                String register = ObisCode.isValid(to) ? ObisCode.parse(to).toString() : to;
                Unit unit = spec.get("unit") == null ? null : Unit.fromSymbol(String.valueOf(spec.get("unit")));
                registers.put(from, new Mapping(register, unit, (String) spec.get("description")));
            }
        }
        return new MeterType(name, (String) root.get("medium"), registers);
    }
}
