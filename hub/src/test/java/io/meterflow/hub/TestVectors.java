package io.meterflow.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The shared conformance data (../shared/testdata beside the repository), for end-to-end tests. */
final class TestVectors {

    private TestVectors() {
    }

    static Path root() {
        String override = System.getProperty("meterflow.testdata");
        if (override != null) {
            return Path.of(override);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("../shared/testdata").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no ../shared/testdata above " + Path.of("").toAbsolutePath() + "; set -Dmeterflow.testdata");
    }

    /** The ciphered DLMS UDP-wrapper pushes of dlms-cosem.jsonl, in file order. */
    static List<String> dlmsUdpFrames() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> frames = new ArrayList<>();
        for (String line : Files.readAllLines(root().resolve("dlms/dlms-cosem.jsonl"))) {
            JsonNode n = json.readTree(line);
            if ("udp_wrapper".equals(n.path("transport").asText())) {
                frames.add(n.get("input_hex").asText());
            }
        }
        return frames;
    }

    /** The HDLC frames of one smartmeter-datacollector push, in order. */
    static List<String> hdlcFrames(String id) throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(root().resolve("dlms/smartmeter-datacollector.jsonl"))) {
            JsonNode n = json.readTree(line);
            if (id.equals(n.path("id").asText())) {
                List<String> frames = new ArrayList<>();
                n.get("hdlc_frames_hex").forEach(f -> frames.add(f.asText()));
                return frames;
            }
        }
        throw new IllegalArgumentException("no smartmeter-datacollector vector " + id);
    }

    /** One amshan HAN payload by id. */
    static String amshan(String id) throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(root().resolve("dlms/amshan.jsonl"))) {
            JsonNode n = json.readTree(line);
            if (id.equals(n.path("id").asText())) {
                return n.get("input_hex").asText();
            }
        }
        throw new IllegalArgumentException("no amshan vector " + id);
    }
}
