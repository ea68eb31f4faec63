package io.meterflow.mbus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the shared conformance vectors: the system property {@code meterflow.testdata} if set,
 * otherwise the first directory D above the working directory with {@code D/../shared/testdata}.
 */
public final class TestData {

    private TestData() {
    }

    public static Path root() {
        String override = System.getProperty("meterflow.testdata");
        if (override != null && !override.isBlank()) {
            return Paths.get(override);
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("../shared/testdata").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("shared/testdata not found above " + Paths.get("").toAbsolutePath()
                + "; set -Dmeterflow.testdata=/path/to/testdata");
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
