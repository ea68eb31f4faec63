package io.meterflow.dlms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the shared conformance vectors: the system property {@code meterflow.testdata}, or the
 * first {@code D/../shared/testdata} walking up from the working directory.
 */
public final class TestData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestData() {
    }

    public static Path root() {
        String override = System.getProperty("meterflow.testdata");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("../shared/testdata").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("shared/testdata not found above " + Path.of("").toAbsolutePath()
                + "; set -Dmeterflow.testdata");
    }

    /** The records of a JSON-lines file under {@code dlms/}. */
    public static List<JsonNode> dlms(String file) {
        Path p = root().resolve("dlms").resolve(file);
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(p)) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
