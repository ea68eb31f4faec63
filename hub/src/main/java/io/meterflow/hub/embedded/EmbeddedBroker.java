package io.meterflow.hub.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.model.SystemConfig;

/**
 * An AMQP 0-9-1 broker (Apache Qpid Broker-J) inside the hub's JVM, for a first run with nothing
 * configured. It listens on loopback only, and its queues are in memory: messages in flight
 * when the hub stops are redelivered by nobody, which is why production runs use RabbitMQ.
 */
final class EmbeddedBroker implements AutoCloseable {

    static final String USER = "guest";
    static final String PASSWORD = "guest";

    private final SystemLauncher launcher;
    private final int port;

    private EmbeddedBroker(SystemLauncher launcher, int port) {
        this.launcher = launcher;
        this.port = port;
    }

    static EmbeddedBroker start(Path workDir) throws Exception {
        Files.createDirectories(workDir);
        int port = freePort();
        Path config = workDir.resolve("broker-config.json");
        Files.writeString(config, initialConfig(), StandardCharsets.UTF_8);
        // Qpid reads its system properties from a URL; inside a fat jar its default classpath
        // location cannot be opened, so an empty file of ours stands in.
        Path systemProperties = workDir.resolve("broker-system.properties");
        if (!Files.exists(systemProperties)) {
            Files.writeString(systemProperties, "", StandardCharsets.UTF_8);
        }

        Map<String, Object> context = new HashMap<>();
        context.put("qpid.amqp_port", port);
        context.put(SystemConfig.QPID_WORK_DIR, workDir.toAbsolutePath().toString());

        Map<String, Object> attributes = new HashMap<>();
        attributes.put(SystemConfig.TYPE, "Memory");
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toUri().toString());
        attributes.put(SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION, systemProperties.toUri().toString());
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
        attributes.put(SystemConfig.CONTEXT, context);

        SystemLauncher launcher = new SystemLauncher();
        launcher.startup(attributes);
        return new EmbeddedBroker(launcher, port);
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        launcher.shutdown();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String initialConfig() {
        // PLAIN without TLS is allowed here only because the port is bound to loopback.
        return """
                {
                  "name": "meterflow-embedded",
                  "modelVersion": "9.0",
                  "authenticationproviders": [{
                    "name": "plain", "type": "Plain", "secureOnlyMechanisms": [],
                    "users": [{"name": "%s", "type": "managed", "password": "%s"}]
                  }],
                  "ports": [{
                    "name": "AMQP", "port": "${qpid.amqp_port}", "bindingAddress": "127.0.0.1",
                    "authenticationProvider": "plain", "protocols": ["AMQP_0_9_1"],
                    "virtualhostaliases": [
                      {"name": "nameAlias", "type": "nameAlias"},
                      {"name": "defaultAlias", "type": "defaultAlias"}
                    ]
                  }],
                  "virtualhostnodes": [{
                    "name": "default", "type": "Memory", "defaultVirtualHostNode": "true",
                    "virtualHostInitialConfiguration": "{\\"type\\": \\"Memory\\"}"
                  }]
                }
                """.formatted(USER, PASSWORD);
    }
}
