package io.meterflow.hub.decode;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.meterflow.model.DecodeException;
import io.meterflow.model.Frame;
import io.meterflow.model.FrameDecoder;
import io.meterflow.model.ObisCode;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

/**
 * Simple binary payloads (LoRaWAN sensors and counters) decoded by a layout written in YAML
 * (config/payload-layouts/*.yaml and {@code meterflow.payload-layouts.directory}): fields at
 * offsets, their integer type, register, unit and scale. A meter uses one as its protocol,
 * {@code layout:<name>}. Such payloads name no device, so they reach their meter by a receiver
 * that knows it (a LoRaWAN DevEUI).
 */
@Component
public class PayloadLayouts {

    public static final String PREFIX = "layout:";

    record Field(int offset, String type, String register, Unit unit, BigDecimal factor, String description) {
        int size() {
            return switch (type) {
                case "uint8", "int8" -> 1;
                case "uint16le", "uint16be", "int16le", "int16be" -> 2;
                case "uint32le", "uint32be", "int32le", "int32be" -> 4;
                default -> throw new IllegalStateException("unknown field type " + type);
            };
        }
    }

    private final Map<String, List<Field>> layouts = new LinkedHashMap<>();

    public PayloadLayouts(@Value("${meterflow.payload-layouts.directory:}") String directory) throws IOException {
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:payload-layouts/*.yaml")) {
            try (InputStream in = r.getInputStream()) {
                load(in, r.getDescription());
            }
        }
        if (!directory.isBlank()) {
            try (var files = Files.list(Path.of(directory))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(f)) {
                        load(in, f.toString());
                    }
                }
            }
        }
    }

    /** The decoder of protocol {@code layout:<name>}, or null when there is no such layout. */
    public FrameDecoder decoder(String protocol) {
        if (!protocol.startsWith(PREFIX)) {
            return null;
        }
        String name = protocol.substring(PREFIX.length());
        List<Field> fields = layouts.get(name);
        return fields == null ? null : new LayoutDecoder(protocol, fields);
    }

    public java.util.Set<String> names() {
        return layouts.keySet();
    }

    private record LayoutDecoder(String protocol, List<Field> fields) implements FrameDecoder {
        @Override
        public Telegram decode(Frame frame) {
            byte[] b = frame.single();
            List<Reading> readings = new ArrayList<>();
            for (Field f : fields) {
                if (f.offset() + f.size() > b.length) {
                    throw new DecodeException("the payload has " + b.length + " bytes; field " + f.register() + " needs "
                            + (f.offset() + f.size()), b.length);
                }
                long raw = read(b, f);
                readings.add(new Reading(f.register(), f.factor().multiply(BigDecimal.valueOf(raw)).stripTrailingZeros(), f.unit(),
                        null, java.util.Set.of(), f.description()));
            }
            return new Telegram(protocol, null, null, readings, List.of(), b);
        }

        private static long read(byte[] b, Field f) {
            int o = f.offset();
            return switch (f.type()) {
                case "uint8" -> b[o] & 0xFF;
                case "int8" -> b[o];
                case "uint16le" -> (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8;
                case "uint16be" -> (b[o] & 0xFF) << 8 | (b[o + 1] & 0xFF);
                case "int16le" -> (short) ((b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8);
                case "int16be" -> (short) ((b[o] & 0xFF) << 8 | (b[o + 1] & 0xFF));
                case "uint32le" -> (b[o] & 0xFFL) | (b[o + 1] & 0xFFL) << 8 | (b[o + 2] & 0xFFL) << 16 | (b[o + 3] & 0xFFL) << 24;
                case "uint32be" -> (b[o] & 0xFFL) << 24 | (b[o + 1] & 0xFFL) << 16 | (b[o + 2] & 0xFFL) << 8 | (b[o + 3] & 0xFFL);
                case "int32le" -> (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | b[o + 3] << 24;
                default -> b[o] << 24 | (b[o + 1] & 0xFF) << 16 | (b[o + 2] & 0xFF) << 8 | (b[o + 3] & 0xFF);
            };
        }
    }

    @SuppressWarnings("unchecked")
    private void load(InputStream in, String where) {
        Object doc = new Yaml().load(in);
        if (!(doc instanceof Map<?, ?> root) || !(root.get("name") instanceof String name) || !(root.get("fields") instanceof List<?> list)) {
            throw new IllegalStateException(where + ": a payload layout needs a name and fields");
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> f)) {
                throw new IllegalStateException(where + ": fields[" + i + "] must be a map");
            }
            String register = String.valueOf(f.get("register"));
            Unit.Conversion unit = Unit.normalize(f.get("unit") == null ? "" : String.valueOf(f.get("unit")));
            BigDecimal scale = f.get("scale") == null ? BigDecimal.ONE : new BigDecimal(String.valueOf(f.get("scale")));
            Field field = new Field(((Number) f.get("offset")).intValue(), String.valueOf(f.get("type")),
                    ObisCode.isValid(register) ? ObisCode.parse(register).toString() : register, unit.unit(),
                    unit.factor().multiply(scale), (String) f.get("description"));
            field.size();
            fields.add(field);
        }
        layouts.put(name, List.copyOf(fields));
    }
}
