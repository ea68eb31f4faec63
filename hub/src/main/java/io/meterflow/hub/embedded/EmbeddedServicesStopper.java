package io.meterflow.hub.embedded;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Ties the embedded services to the context they were started for: registered as a disposable
 * before any bean exists, it is destroyed after all of them, so the data source and the broker
 * connection are closed before PostgreSQL and the broker stop.
 */
public class EmbeddedServicesStopper implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServicesStopper.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        List<AutoCloseable> started = EmbeddedServices.takeStarted();
        if (started.isEmpty()) {
            return;
        }
        DisposableBean stopper = () -> {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    log.warn("Stopping an embedded service failed: {}", e.getMessage());
                }
            }
            log.info("Embedded services stopped");
        };
        ((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("meterflowEmbeddedServices", stopper);
    }
}
