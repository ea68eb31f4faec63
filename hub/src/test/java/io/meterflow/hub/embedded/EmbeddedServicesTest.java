package io.meterflow.hub.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** Which embedded services start: each only when its own address is missing. */
class EmbeddedServicesTest {

    private final EmbeddedServices services = new EmbeddedServices(supplier -> supplier.get());

    @AfterEach
    void stopWhatStarted() throws Exception {
        for (AutoCloseable c : EmbeddedServices.takeStarted()) {
            c.close();
        }
    }

    @Test
    void nothingStartsWhenDatabaseAndBrokerAreConfigured(@TempDir Path dir) {
        MockEnvironment env = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.example:5432/meterflow")
                .withProperty("spring.rabbitmq.host", "broker.example")
                .withProperty("meterflow.embedded.data-dir", dir.toString());
        services.postProcessEnvironment(env, null);
        assertThat(env.getPropertySources().contains("meterflowEmbedded")).isFalse();
        assertThat(env.getActiveProfiles()).doesNotContain(EmbeddedServices.PROFILE);
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example:5432/meterflow");
        assertThat(EmbeddedServices.takeStarted()).isEmpty();
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void rabbitAddressesCountAsAConfiguredBroker(@TempDir Path dir) {
        MockEnvironment env = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.example:5432/meterflow")
                .withProperty("spring.rabbitmq.addresses", "broker-1.example:5672,broker-2.example:5672")
                .withProperty("meterflow.embedded.data-dir", dir.toString());
        services.postProcessEnvironment(env, null);
        assertThat(env.getPropertySources().contains("meterflowEmbedded")).isFalse();
    }

    @Test
    void onlyTheMissingBrokerStartsWhenOnlyTheDatabaseIsConfigured(@TempDir Path dir) {
        MockEnvironment env = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.example:5432/meterflow")
                .withProperty("meterflow.embedded.data-dir", dir.toString());
        services.postProcessEnvironment(env, null);
        assertThat(env.getActiveProfiles()).contains(EmbeddedServices.PROFILE);
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example:5432/meterflow");
        assertThat(env.getProperty("spring.rabbitmq.host")).isEqualTo("127.0.0.1");
        assertThat(env.getProperty("spring.rabbitmq.port", Integer.class)).isPositive();
        assertThat(env.getProperty("meterflow.security.master-key")).matches("[0-9a-f]{64}");
        List<AutoCloseable> started = EmbeddedServices.takeStarted();
        assertThat(started).hasSize(1).first().isInstanceOf(EmbeddedBroker.class);
        started.forEach(EmbeddedServicesTest::close);
    }

    @Test
    void theEmbeddedDefaultCanBeSwitchedOff(@TempDir Path dir) {
        MockEnvironment env = new MockEnvironment()
                .withProperty("meterflow.embedded.enabled", "false")
                .withProperty("meterflow.embedded.data-dir", dir.toString());
        services.postProcessEnvironment(env, null);
        assertThat(env.getPropertySources().contains("meterflowEmbedded")).isFalse();
        assertThat(EmbeddedServices.takeStarted()).isEmpty();
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
