package io.meterflow.dlms.push;

import io.meterflow.model.ObisCode;
import io.meterflow.model.Unit;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The known push layouts. Built-in layouts are YAML files in
 * {@code io/meterflow/dlms/layouts/} listed in its {@code index.txt}; more can be read from a
 * directory of {@code *.yaml} files. The format:
 * <pre>
 * name: kaifa-ma304            # unique name
 * manufacturer: KFM            # FLAG code, optional
 * match:
 *   listId: KFM_001            # first text value of the body, optional
 *   elements: 13               # number of body elements, optional
 *   deviceNamePrefix: LGZ      # start of the logical device name, optional
 * registers:                   # for lists with OBIS codes but no scaler_unit
 *   1-0:31.7.0*255: {unit: A, scaler: -3}
 * positions:                   # for lists of values only; index is the 0-based position
 *   - {index: 0, role: list_id}
 *   - {index: 3, obis: 1-0:1.7.0*255, unit: W}
 * </pre>
 */
public final class PushLayouts {

    private static final String BUILT_IN = "io/meterflow/dlms/layouts/";

    private final List<PushLayout> layouts;

    public PushLayouts(List<PushLayout> layouts) {
        this.layouts = List.copyOf(layouts);
    }

    public List<PushLayout> all() {
        return layouts;
    }

    public PushLayout named(String name) {
        for (PushLayout l : layouts) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no push layout named " + name + "; known: "
                + layouts.stream().map(PushLayout::name).toList());
    }

    /** The most specific layout for a body, or null. */
    public PushLayout find(String listId, int elements, boolean hasObis, String deviceName) {
        PushLayout best = null;
        int bestFit = -1;
        for (PushLayout l : layouts) {
            int fit = l.fit(listId, elements, hasObis, deviceName);
            if (fit > bestFit) {
                best = l;
                bestFit = fit;
            }
        }
        return best;
    }

    /** These layouts and those of another set; on equal names the other set wins. */
    public PushLayouts with(PushLayouts more) {
        Map<String, PushLayout> byName = new LinkedHashMap<>();
        layouts.forEach(l -> byName.put(l.name(), l));
        more.layouts.forEach(l -> byName.put(l.name(), l));
        return new PushLayouts(new ArrayList<>(byName.values()));
    }

    /** The layouts shipped with Meterflow. */
    public static PushLayouts builtIn() {
        return Holder.BUILT_IN_LAYOUTS;
    }

    private static final class Holder {
        static final PushLayouts BUILT_IN_LAYOUTS = loadBuiltIn();
    }

    private static PushLayouts loadBuiltIn() {
        ClassLoader cl = PushLayouts.class.getClassLoader();
        List<PushLayout> out = new ArrayList<>();
        try (InputStream index = cl.getResourceAsStream(BUILT_IN + "index.txt")) {
            if (index == null) {
                return new PushLayouts(List.of());
            }
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String file = line.strip();
                if (file.isEmpty() || file.startsWith("#")) {
                    continue;
                }
                try (InputStream in = cl.getResourceAsStream(BUILT_IN + file)) {
                    if (in == null) {
                        throw new IllegalStateException("built-in push layout " + file + " is listed but missing");
                    }
                    out.add(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), file));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in push layouts", e);
        }
        return new PushLayouts(out);
    }

    /** Reads every {@code *.yaml} / {@code *.yml} file of a directory. */
    public static PushLayouts fromDirectory(Path dir) throws IOException {
        List<PushLayout> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
            for (Path f : files) {
                out.add(parse(Files.readString(f), f.toString()));
            }
        }
        return new PushLayouts(out);
    }

    /** Parses one layout; errors name the source and the field. */
    @SuppressWarnings("unchecked")
    public static PushLayout parse(String yamlText, String source) {
        Object root;
        try (Reader r = new StringReader(yamlText)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("push layout " + source + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("push layout " + source + " must be a YAML mapping");
        }
        String name = string(map.get("name"));
        if (name == null) {
            throw new IllegalArgumentException("push layout " + source + " has no name");
        }
        String manufacturer = string(map.get("manufacturer"));
        String listId = null;
        Integer elements = null;
        String deviceNamePrefix = null;
        if (map.get("match") instanceof Map<?, ?> match) {
            listId = string(match.get("listId"));
            deviceNamePrefix = string(match.get("deviceNamePrefix"));
            Object e = match.get("elements");
            elements = e == null ? null : ((Number) e).intValue();
        }
        Map<ObisCode, PushLayout.Register> registers = new LinkedHashMap<>();
        if (map.get("registers") instanceof Map<?, ?> regs) {
            for (Map.Entry<?, ?> e : regs.entrySet()) {
                ObisCode obis = obis(String.valueOf(e.getKey()), source);
                Map<String, Object> spec = (Map<String, Object>) e.getValue();
                registers.put(obis, new PushLayout.Register(unit(spec.get("unit"), source),
                        spec.get("scaler") == null ? 0 : ((Number) spec.get("scaler")).intValue()));
            }
        }
        List<PushLayout.Position> positions = new ArrayList<>();
        if (map.get("positions") instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> p) || !(p.get("index") instanceof Number index)) {
                    throw new IllegalArgumentException("push layout " + source + ": each position needs an index");
                }
                String role = string(p.get("role"));
                PushLayout.Role r = role == null ? PushLayout.Role.VALUE : PushLayout.Role.valueOf(role.toUpperCase());
                ObisCode obis = p.get("obis") == null ? null : obis(String.valueOf(p.get("obis")), source);
                if (r == PushLayout.Role.VALUE && obis == null) {
                    throw new IllegalArgumentException("push layout " + source + ": value at position " + index
                            + " needs an obis code");
                }
                positions.add(new PushLayout.Position(index.intValue(), obis, unit(p.get("unit"), source),
                        p.get("scaler") == null ? 0 : ((Number) p.get("scaler")).intValue(), r));
            }
        }
        return new PushLayout(name, manufacturer, listId, elements, deviceNamePrefix, registers, positions);
    }

    private static ObisCode obis(String text, String source) {
        try {
            return ObisCode.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("push layout " + source + ": bad OBIS code " + text, e);
        }
    }

    private static Unit unit(Object text, String source) {
        if (text == null) {
            return Unit.NONE;
        }
        try {
            Unit.Conversion c = Unit.normalize(String.valueOf(text));
            if (c.factor().compareTo(java.math.BigDecimal.ONE) != 0) {
                throw new IllegalArgumentException("write the canonical unit " + c.unit().symbol()
                        + " and put the factor into the scaler");
            }
            return c.unit();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("push layout " + source + ": bad unit " + text + ": " + e.getMessage(), e);
        }
    }

    private static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
