package io.meterflow.iec62056.component;

import io.meterflow.iec62056.protocol.Link;
import io.meterflow.iec62056.protocol.SerialLink;
import io.meterflow.iec62056.protocol.TcpLink;
import java.io.IOException;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/** One meter (producer) or one P1 stream (consumer). */
@UriEndpoint(firstVersion = "4.17.0", scheme = "iec62056", title = "IEC 62056-21 / DSMR P1",
        syntax = "iec62056:transport:target", category = {Category.IOT}, headersClass = Iec62056Constants.class)
public class Iec62056Endpoint extends DefaultEndpoint {

    @UriParam
    private final Iec62056Configuration configuration;

    public Iec62056Endpoint(String uri, Iec62056Component component, Iec62056Configuration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    public Iec62056Configuration getConfiguration() {
        return configuration;
    }

    @Override
    public Producer createProducer() {
        return new Iec62056Producer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Consumer consumer = new P1Consumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Opens the line to the meter or P1 port; the caller closes it. */
    Link openLink(boolean p1) throws IOException {
        if ("tcp".equals(configuration.getTransport())) {
            return new TcpLink(configuration.host(), configuration.port(), configuration.getConnectTimeout());
        }
        return p1 ? SerialLink.p1(configuration.getTarget(), configuration.getBaudRate())
                : new SerialLink(configuration.getTarget(), 300);
    }
}
