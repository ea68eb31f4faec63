package io.meterflow.hub.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.meterflow.hub.security.MasterKey;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded default: when no database and no broker are configured, the hub runs PostgreSQL
 * and an AMQP broker of its own, so a first run needs nothing but Java.
 *
 * <p>Runs as an {@link EnvironmentPostProcessor}, before any bean exists, because the data source
 * and the broker connection read their addresses from the environment. Each service starts only
 * when its own address is missing: {@code spring.datasource.url} (or
 * {@code SPRING_DATASOURCE_URL}) and {@code spring.rabbitmq.host} / {@code spring.rabbitmq.addresses}
 * (or {@code SPRING_RABBITMQ_HOST}). When either starts, the profile {@code embedded} is active.
 *
 * <p>{@link EmbeddedServicesStopper} stops them after every bean of the context, so the
 * connection pools close before the servers under them go away.
 */
public class EmbeddedServices implements EnvironmentPostProcessor, Ordered {

    public static final String PROFILE = "embedded";
    /** Services started for the environment being prepared, handed to that context by {@link EmbeddedServicesStopper}. */
    private static final List<AutoCloseable> pending = new ArrayList<>();

    // Logging is not set up yet when environment post-processors run: this log is replayed once it is.
    private final Log log;

    public EmbeddedServices(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedServices.class);
    }

    /** Takes the services started for the context being created. */
    static List<AutoCloseable> takeStarted() {
        synchronized (pending) {
            List<AutoCloseable> started = new ArrayList<>(pending);
            pending.clear();
            return started;
        }
    }

    @Override
    public int getOrder() {
        // After application.yaml and the command line are read, so their settings are seen.
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("meterflow.embedded.enabled", Boolean.class, true)) {
            return;
        }
        boolean needDatabase = !env.containsProperty("spring.datasource.url");
        boolean needBroker = !env.containsProperty("spring.rabbitmq.host") && !env.containsProperty("spring.rabbitmq.addresses");
        if (!needDatabase && !needBroker) {
            return;
        }
        Path dataDir = Path.of(env.getProperty("meterflow.embedded.data-dir", "./data")).toAbsolutePath().normalize();
        Map<String, Object> props = new HashMap<>();
        try {
            if (needDatabase) {
                EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("postgres"));
                register(db);
                props.put("spring.datasource.url", db.jdbcUrl());
                props.put("spring.datasource.username", "postgres");
                props.put("spring.datasource.password", "");
                log.info("Embedded PostgreSQL started on 127.0.0.1:" + db.port() + ", data in " + dataDir.resolve("postgres")
                        + " (set SPRING_DATASOURCE_URL to use your own)");
            }
            if (needBroker) {
                EmbeddedBroker broker = EmbeddedBroker.start(dataDir.resolve("broker"));
                register(broker);
                props.put("spring.rabbitmq.host", "127.0.0.1");
                props.put("spring.rabbitmq.port", broker.port());
                props.put("spring.rabbitmq.username", EmbeddedBroker.USER);
                props.put("spring.rabbitmq.password", EmbeddedBroker.PASSWORD);
                log.info("Embedded AMQP 0-9-1 broker (Qpid Broker-J, in memory) started on 127.0.0.1:" + broker.port()
                        + " (set SPRING_RABBITMQ_HOST to use RabbitMQ)");
            }
            if (!env.containsProperty("meterflow.security.master-key")) {
                props.put("meterflow.security.master-key", masterKey(dataDir, log));
            }
        } catch (Exception e) {
            stopPending();
            throw new IllegalStateException("Could not start the embedded services under " + dataDir + ": " + e.getMessage(), e);
        }
        props.put("meterflow.embedded.active", true);
        env.getPropertySources().addFirst(new MapPropertySource("meterflowEmbedded", props));
        env.addActiveProfile(PROFILE);
    }

    private static void register(AutoCloseable service) {
        synchronized (pending) {
            pending.add(service);
        }
    }

    private static void stopPending() {
        synchronized (pending) {
            for (AutoCloseable c : pending) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // already failing; the start error is the one to report
                }
            }
            pending.clear();
        }
    }

    /** The master key for meter keys at rest: kept beside the data it protects, made once. */
    private static String masterKey(Path dataDir, Log log) {
        Path file = dataDir.resolve("master.key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String key = MasterKey.generateHex();
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            log.info("Generated a master key for meter keys at rest in " + file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write " + file, e);
        }
    }
}
