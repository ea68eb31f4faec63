package io.meterflow.mbus.component;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/** Receives telegrams from a wireless M-Bus transceiver; consumer only. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "wmbus", title = "Wireless M-Bus receiver",
        syntax = "wmbus:serial:port", consumerOnly = true, category = {Category.IOT})
public class WmbusEndpoint extends DefaultEndpoint {

    /** Out: received signal strength in dBm, when the stick reports it. */
    public static final String RSSI = "CamelWmbusRssi";
    /** Out: false when the receiver library could not parse the telegram itself. */
    public static final String PARSED_BY_RECEIVER = "CamelWmbusParsedByReceiver";

    @UriParam
    private final WmbusConfiguration configuration;

    public WmbusEndpoint(String uri, WmbusComponent component, WmbusConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("the wmbus endpoint only receives; it cannot send");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        WmbusConsumer consumer = new WmbusConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public WmbusConfiguration getConfiguration() {
        return configuration;
    }
}
