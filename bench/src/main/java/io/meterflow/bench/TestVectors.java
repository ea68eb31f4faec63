package io.meterflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Finds and reads the shared conformance vectors: the system property {@code meterflow.testdata}
 * if set, otherwise the first directory D, walking up from the working directory, that has
 * {@code D/../shared/testdata} (the repository and {@code shared/} side by side, as in CI).
 */
public final class TestVectors {

    public static final String PROPERTY = "meterflow.testdata";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestVectors() {
    }

    public static Path root() {
        String override = System.getProperty(PROPERTY);
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override).toAbsolutePath().normalize();
            if (!Files.isDirectory(p)) {
                throw new IllegalStateException("-D" + PROPERTY + "=" + override + " is not a directory");
            }
            return p;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path d = start; d != null; d = d.getParent()) {
            Path parent = d.getParent();
            if (parent != null && Files.isDirectory(parent.resolve("shared/testdata"))) {
                return parent.resolve("shared/testdata").normalize();
            }
        }
        throw new IllegalStateException("conformance vectors not found: no directory D above " + start
                + " has D/../shared/testdata; set -D" + PROPERTY + "=/path/to/testdata");
    }

    public static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("conformance vector file missing: " + p);
        }
        return p;
    }

    /** Every record of a JSON-lines file, in file order. */
    public static List<JsonNode> jsonl(String relative) {
        Path p = file(relative);
        List<JsonNode> records = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(p)) {
                if (!line.isBlank()) {
                    records.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
        return records;
    }

    /** The record with the given {@code id}, or a clear failure when the file has none. */
    public static JsonNode record(String relative, String id) {
        return jsonl(relative).stream()
                .filter(r -> r.hasNonNull("id") && r.get("id").asText().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(relative + " has no record with id " + id));
    }

    /** Hex with optional spaces, as in libmbus {@code .hex} files and the JSON records. */
    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }
}
