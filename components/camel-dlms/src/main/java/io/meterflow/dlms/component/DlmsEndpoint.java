package io.meterflow.dlms.component;

import io.meterflow.dlms.client.DlmsClient;
import io.meterflow.dlms.client.DlmsTransport;
import io.meterflow.dlms.client.HdlcTransport;
import io.meterflow.dlms.client.WrapperTransport;
import io.meterflow.dlms.link.ByteLink;
import io.meterflow.dlms.push.DlmsPushDecoder;
import io.meterflow.dlms.push.PushLayout;
import io.meterflow.dlms.push.PushLayouts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * A DLMS/COSEM meter (producer: polling client) or push listener (consumer).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "dlms", title = "DLMS/COSEM", syntax = "dlms:transport://host:port",
        category = {Category.IOT}, headersClass = DlmsConstants.class)
public class DlmsEndpoint extends DefaultEndpoint {

    @UriParam
    private final DlmsConfiguration configuration;

    public DlmsEndpoint(String uri, DlmsComponent component, DlmsConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    public DlmsConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public DlmsComponent getComponent() {
        return (DlmsComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if ("udp".equals(configuration.getTransport())) {
            throw new IllegalArgumentException("dlms:udp is for receiving pushes; poll meters with dlms:tcp or dlms:hdlc");
        }
        return new DlmsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        DlmsConsumer consumer = new DlmsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** A new client session for one exchange. */
    DlmsClient newClient() {
        DlmsConfiguration c = configuration;
        DlmsTransport transport = "serial".equals(c.getTransport())
                ? new HdlcTransport(serialLink(c.getTimeout()), c.getClientAddress(), c.getServerAddress(),
                c.getPhysicalAddress())
                : "hdlc".equals(c.getTransport())
                ? new HdlcTransport(c.getHost(), c.getPort(), c.getClientAddress(), c.getServerAddress(),
                c.getPhysicalAddress(), c.getTimeout())
                : new WrapperTransport(c.getHost(), c.getPort(), c.getClientAddress(), c.getServerAddress(), c.getTimeout());
        return new DlmsClient(transport, c.clientSettings());
    }

    /** The serial port of a dlms:serial endpoint, not yet opened; timeout 0 blocks. */
    ByteLink serialLink(int timeoutMillis) {
        return getComponent().getSerialLinkFactory().create(configuration.serialSettings(), timeoutMillis);
    }

    /** The push decoder for this endpoint's layouts, zone and counter store. */
    DlmsPushDecoder newPushDecoder() throws IOException {
        PushLayouts layouts = PushLayouts.builtIn();
        if (configuration.getLayoutDirectory() != null) {
            layouts = layouts.with(PushLayouts.fromDirectory(Path.of(configuration.getLayoutDirectory())));
        }
        PushLayout forced = configuration.getLayout() == null ? null : layouts.named(configuration.getLayout());
        return new DlmsPushDecoder(layouts, ZoneId.of(configuration.getTimeZone()), forced,
                getComponent().getInvocationCounterStore());
    }
}
