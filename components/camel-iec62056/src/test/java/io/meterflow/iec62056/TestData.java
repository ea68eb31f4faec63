package io.meterflow.iec62056;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the shared conformance vectors: the system property {@code meterflow.testdata}, else the
 * first {@code ../shared/testdata} beside a directory on the way up from the working directory.
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
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("../shared/testdata").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no ../shared/testdata above " + Path.of("").toAbsolutePath()
                + "; set -Dmeterflow.testdata");
    }

    public static Path iec() {
        return root().resolve("iec62056-21");
    }

    /** Every record of one JSON-lines file of the iec62056-21 folder. */
    public static List<JsonNode> records(String file) {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(iec().resolve(file))) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every record of every JSON-lines file of the iec62056-21 folder. */
    public static List<JsonNode> allRecords() {
        try (var files = Files.list(iec())) {
            List<JsonNode> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                out.addAll(records(p.getFileName().toString()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
