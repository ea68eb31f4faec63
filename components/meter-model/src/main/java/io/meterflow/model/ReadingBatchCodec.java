package io.meterflow.model;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JSON form of a {@link ReadingBatch} ({@value ReadingBatch#SCHEMA}):
 * <pre>
 * {"schema":"meterflow.readings/1","batchId":"…","organizationId":1,"meterId":42,
 *  "medium":"electricity","source":"api","receivedAt":"2026-12-04T10:00:00Z",
 *  "readings":[{"register":"1-0:1.8.0*255","value":"12345.678","unit":"Wh",
 *               "timestamp":"2026-12-04T10:00:00Z","quality":["ESTIMATED"],
 *               "description":"Active energy import"}]}
 * </pre>
 * Values are written as JSON strings holding the plain decimal, because a JSON number is read as
 * a double by many consumers and billing values must not be rounded. On input a JSON number is
 * accepted too, and read from its digits, not through a double. Optional members that are absent
 * are omitted on output; on input they may be missing or {@code null}. Unknown members are
 * ignored so that newer producers can add fields without breaking older consumers.
 *
 * <p>Writing streams straight to bytes; reading uses Jackson's tree model with one shared,
 * pre-configured mapper, so no per-call setup happens.
 */
public final class ReadingBatchCodec {

    private static final ObjectMapper MAPPER = createMapper();
    // The names written for every reading, encoded once.
    private static final SerializedString REGISTER = new SerializedString("register");
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString UNIT = new SerializedString("unit");
    private static final SerializedString TIMESTAMP = new SerializedString("timestamp");
    /**
     * Register keys, units, descriptions and quality names, each escaped and encoded once: a
     * meter's readings repeat a few dozen of them, and checking every character of each for
     * escaping took half of the time of writing a batch. Bounded, so that odd text cannot grow it
     * without end; what does not fit is written as before.
     */
    private static final int MAX_CACHED_TEXTS = 4096;
    private static final java.util.concurrent.ConcurrentHashMap<String, SerializedString> TEXTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(?:\\.[0-9]+)?");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String QUALITY_NAMES = Arrays.stream(Quality.values())
            .map(Quality::name).collect(Collectors.joining(", "));

    private ReadingBatchCodec() {
    }

    private static ObjectMapper createMapper() {
        ObjectMapper mapper = new ObjectMapper();
        // Read decimals from their digits; a double would round 0.1 and lose long values.
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        // Keep "12.30" as 12.30: the scale is part of what the meter reported.
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        // Two values for one member or text after the document are sender bugs, not data.
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return mapper;
    }

    /** The batch as UTF-8 JSON. */
    public static byte[] toJson(ReadingBatch batch) {
        if (batch == null) {
            throw new IllegalArgumentException("batch must not be null");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 160 * batch.readings().size());
        JsonFactory factory = MAPPER.getFactory();
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            write(g, batch);
        } catch (IOException e) {
            // A ByteArrayOutputStream does not fail; this is only here for the checked signature.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The batch as a JSON string. */
    public static String toJsonString(ReadingBatch batch) {
        return new String(toJson(batch), StandardCharsets.UTF_8);
    }

    /**
     * Reads and validates a batch.
     *
     * @throws MalformedBatchException naming the JSON path and the problem, or where the JSON
     *                                 itself is broken
     */
    public static ReadingBatch fromJson(byte[] json) {
        if (json == null) {
            throw new MalformedBatchException("$", "no JSON given");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new MalformedBatchException("malformed JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedBatchException("unreadable JSON: " + e.getMessage(), e);
        }
        return readBatch(root);
    }

    /** Reads and validates a batch given as a string. */
    public static ReadingBatch fromJson(String json) {
        if (json == null) {
            throw new MalformedBatchException("$", "no JSON given");
        }
        return fromJson(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(JsonGenerator g, ReadingBatch batch) throws IOException {
        g.writeStartObject();
        g.writeStringField("schema", batch.schema());
        g.writeStringField("batchId", batch.batchId().toString());
        g.writeNumberField("organizationId", batch.organizationId());
        g.writeNumberField("meterId", batch.meterId());
        if (batch.medium() != null) {
            g.writeStringField("medium", batch.medium());
        }
        if (batch.source() != null) {
            g.writeStringField("source", batch.source());
        }
        g.writeStringField("receivedAt", IsoInstant.format(batch.receivedAt()));
        g.writeArrayFieldStart("readings");
        // The readings of a push mostly share one time: formatted once.
        Instant lastTime = null;
        String lastTimeText = null;
        for (Reading r : batch.readings()) {
            g.writeStartObject();
            g.writeFieldName(REGISTER);
            writeText(g, r.register());
            g.writeFieldName(VALUE);
            g.writeString(r.value().toPlainString());
            g.writeFieldName(UNIT);
            writeText(g, r.unit().symbol());
            if (r.timestamp() != null) {
                if (!r.timestamp().equals(lastTime)) {
                    lastTime = r.timestamp();
                    lastTimeText = IsoInstant.format(lastTime);
                }
                g.writeFieldName(TIMESTAMP);
                g.writeString(lastTimeText);
            }
            if (!r.quality().isEmpty()) {
                g.writeArrayFieldStart("quality");
                for (Quality q : r.quality()) {
                    writeText(g, q.name());
                }
                g.writeEndArray();
            }
            if (r.description() != null) {
                g.writeFieldName("description");
                writeText(g, r.description());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** A string value of a small, repeating set, from its encoded form when there is one. */
    private static void writeText(JsonGenerator g, String text) throws IOException {
        SerializedString encoded = TEXTS.get(text);
        if (encoded == null) {
            if (TEXTS.size() >= MAX_CACHED_TEXTS) {
                g.writeString(text);
                return;
            }
            encoded = TEXTS.computeIfAbsent(text, SerializedString::new);
        }
        g.writeString(encoded);
    }

    private static ReadingBatch readBatch(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw new MalformedBatchException("$", "empty document");
        }
        if (!root.isObject()) {
            throw new MalformedBatchException("$", "expected a JSON object but was " + type(root));
        }
        String schema = requiredText(root, "schema", "schema");
        if (!ReadingBatch.SCHEMA.equals(schema)) {
            throw new MalformedBatchException("schema",
                    "expected " + ReadingBatch.SCHEMA + " but was " + quote(schema));
        }
        UUID batchId = uuid(requiredText(root, "batchId", "batchId"), "batchId");
        long organizationId = positiveLong(root, "organizationId");
        long meterId = positiveLong(root, "meterId");
        String medium = optionalText(root, "medium", "medium");
        if (medium != null) {
            try {
                medium = Medium.fromCode(medium).code();
            } catch (IllegalArgumentException e) {
                throw new MalformedBatchException("medium", e.getMessage());
            }
        }
        String source = optionalText(root, "source", "source");
        if (source != null && source.isBlank()) {
            throw new MalformedBatchException("source", "must not be blank");
        }
        Instant receivedAt = instant(requiredText(root, "receivedAt", "receivedAt"), "receivedAt");
        JsonNode items = root.get("readings");
        if (items == null) {
            throw new MalformedBatchException("readings", "missing");
        }
        if (!items.isArray()) {
            throw new MalformedBatchException("readings", "expected an array but was " + type(items));
        }
        List<Reading> readings = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            readings.add(readReading(items.get(i), "readings[" + i + "]"));
        }
        try {
            return new ReadingBatch(schema, batchId, organizationId, meterId, medium, source, receivedAt, readings);
        } catch (IllegalArgumentException e) {
            throw new MalformedBatchException("$", e.getMessage());
        }
    }

    private static Reading readReading(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new MalformedBatchException(path, "expected a JSON object but was " + type(node));
        }
        String register = requiredText(node, "register", path + ".register");
        if (register.isBlank()) {
            throw new MalformedBatchException(path + ".register", "must not be blank");
        }
        BigDecimal value = decimal(node, path + ".value");
        String unitSymbol = requiredText(node, "unit", path + ".unit");
        Unit unit;
        try {
            unit = Unit.fromSymbol(unitSymbol);
        } catch (IllegalArgumentException e) {
            throw new MalformedBatchException(path + ".unit", e.getMessage());
        }
        String timestampText = optionalText(node, "timestamp", path + ".timestamp");
        Instant timestamp = timestampText == null ? null : instant(timestampText, path + ".timestamp");
        EnumSet<Quality> quality = quality(node.get("quality"), path + ".quality");
        String description = optionalText(node, "description", path + ".description");
        try {
            return new Reading(register, value, unit, timestamp, quality, description);
        } catch (IllegalArgumentException e) {
            throw new MalformedBatchException(path, e.getMessage());
        }
    }

    private static BigDecimal decimal(JsonNode parent, String path) {
        JsonNode node = parent.get("value");
        if (node == null) {
            throw new MalformedBatchException(path, "missing");
        }
        BigDecimal value;
        if (node.isNumber()) {
            value = node.decimalValue();
        } else if (node.isTextual()) {
            String text = node.textValue();
            if (!PLAIN_DECIMAL.matcher(text).matches()) {
                throw new MalformedBatchException(path, "not a decimal number " + quote(text));
            }
            value = new BigDecimal(text);
        } else {
            throw new MalformedBatchException(path, "expected a decimal number as string or number but was "
                    + type(node));
        }
        if (value.scale() > Reading.MAX_DIGITS || value.precision() - value.scale() > Reading.MAX_DIGITS) {
            throw new MalformedBatchException(path, "more than " + Reading.MAX_DIGITS
                    + " digits before or after the decimal point");
        }
        return value;
    }

    private static EnumSet<Quality> quality(JsonNode node, String path) {
        EnumSet<Quality> flags = EnumSet.noneOf(Quality.class);
        if (node == null || node.isNull()) {
            return flags;
        }
        if (!node.isArray()) {
            throw new MalformedBatchException(path, "expected an array but was " + type(node));
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String itemPath = path + "[" + i + "]";
            if (!item.isTextual()) {
                throw new MalformedBatchException(itemPath, "expected a string but was " + type(item));
            }
            try {
                flags.add(Quality.valueOf(item.textValue()));
            } catch (IllegalArgumentException e) {
                throw new MalformedBatchException(itemPath, "unknown quality flag " + quote(item.textValue())
                        + "; accepted: " + QUALITY_NAMES);
            }
        }
        return flags;
    }

    private static long positiveLong(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null) {
            throw new MalformedBatchException(field, "missing");
        }
        if (!node.isIntegralNumber()) {
            throw new MalformedBatchException(field, "expected an integer but was " + type(node)
                    + (node.isValueNode() ? " " + node : ""));
        }
        if (!node.canConvertToLong()) {
            throw new MalformedBatchException(field, "integer " + node + " is too large");
        }
        long value = node.longValue();
        if (value <= 0) {
            throw new MalformedBatchException(field, "must be positive but was " + value);
        }
        return value;
    }

    private static UUID uuid(String text, String path) {
        // UUID.fromString also takes shortened forms like "1-2-3-4-5"; ids must be canonical.
        if (!UUID_TEXT.matcher(text).matches()) {
            throw new MalformedBatchException(path, "not a UUID " + quote(text));
        }
        return UUID.fromString(text);
    }

    private static Instant instant(String text, String path) {
        try {
            return io.meterflow.model.IsoInstant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedBatchException(path, "not an ISO-8601 instant with zone offset, e.g. "
                    + "2026-12-04T10:00:00Z: " + quote(text));
        }
    }

    private static String requiredText(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null) {
            throw new MalformedBatchException(path, "missing");
        }
        if (!node.isTextual()) {
            throw new MalformedBatchException(path, "expected a string but was " + type(node));
        }
        return node.textValue();
    }

    private static String optionalText(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new MalformedBatchException(path, "expected a string but was " + type(node));
        }
        return node.textValue();
    }

    private static String type(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String quote(String s) {
        return s == null ? "null" : '"' + s + '"';
    }
}
