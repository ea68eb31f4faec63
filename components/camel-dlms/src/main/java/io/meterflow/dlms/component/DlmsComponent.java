package io.meterflow.dlms.component;

import io.meterflow.dlms.security.InMemoryInvocationCounterStore;
import io.meterflow.dlms.security.InvocationCounterStore;

import java.net.URI;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code dlms} component: {@code dlms:tcp://host:4059?...} (wrapper over TCP),
 * {@code dlms:hdlc://host:port?...} (HDLC over TCP) and {@code dlms:udp://0.0.0.0:4059} (push
 * listener).
 */
@Component("dlms")
public class DlmsComponent extends DefaultComponent {

    @Metadata(label = "advanced", description = "Where invocation counters of secured pushes are tracked; shared by all endpoints")
    private InvocationCounterStore invocationCounterStore = new InMemoryInvocationCounterStore();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        DlmsConfiguration config = new DlmsConfiguration();
        URI u = new URI(remaining.contains("://") ? remaining : "tcp://" + remaining);
        String transport = u.getScheme();
        if (!"tcp".equals(transport) && !"udp".equals(transport) && !"hdlc".equals(transport)) {
            throw new IllegalArgumentException("dlms transport must be tcp, udp or hdlc but was " + transport + " in " + uri);
        }
        if (u.getHost() == null) {
            throw new IllegalArgumentException("dlms endpoint needs a host: " + uri);
        }
        config.setTransport(transport);
        config.setHost(u.getHost());
        if (u.getPort() > 0) {
            config.setPort(u.getPort());
        }
        // options live on the configuration, as in Camel's own components
        setProperties(config, parameters);
        DlmsEndpoint endpoint = new DlmsEndpoint(uri, this, config);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public InvocationCounterStore getInvocationCounterStore() {
        return invocationCounterStore;
    }

    public void setInvocationCounterStore(InvocationCounterStore invocationCounterStore) {
        this.invocationCounterStore = invocationCounterStore;
    }
}
