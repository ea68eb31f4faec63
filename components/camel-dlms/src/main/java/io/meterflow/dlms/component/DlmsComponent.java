package io.meterflow.dlms.component;

import io.meterflow.dlms.link.SerialLinkFactory;
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
 * listener) and {@code dlms:serial:/dev/ttyUSB0?baudRate=9600} (HDLC over a serial port, polling or
 * push listener).
 */
@Component("dlms")
public class DlmsComponent extends DefaultComponent {

    @Metadata(label = "advanced", description = "Where invocation counters of secured pushes are tracked; shared by all endpoints")
    private InvocationCounterStore invocationCounterStore = new InMemoryInvocationCounterStore();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        DlmsConfiguration config = new DlmsConfiguration();
        if (remaining.startsWith("serial:")) {
            String port = remaining.substring("serial:".length());
            while (port.startsWith("//")) {
                port = port.substring(1);
            }
            if (port.isEmpty()) {
                throw new IllegalArgumentException("dlms serial endpoint needs a port name, e.g. dlms:serial:/dev/ttyUSB0: " + uri);
            }
            config.setTransport("serial");
            config.setSerialPort(port);
            setProperties(config, parameters);
            config.serialSettings();
            DlmsEndpoint endpoint = new DlmsEndpoint(uri, this, config);
            setProperties(endpoint, parameters);
            return endpoint;
        }
        URI u = new URI(remaining.contains("://") ? remaining : "tcp://" + remaining);
        String transport = u.getScheme();
        if (!"tcp".equals(transport) && !"udp".equals(transport) && !"hdlc".equals(transport)) {
            throw new IllegalArgumentException("dlms transport must be tcp, udp, hdlc or serial but was " + transport + " in " + uri);
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

    @Metadata(label = "advanced", description = "Opens serial ports for dlms:serial endpoints; jRxTx by default")
    private SerialLinkFactory serialLinkFactory = SerialLinkFactory.JRXTX;

    public SerialLinkFactory getSerialLinkFactory() {
        return serialLinkFactory;
    }

    public void setSerialLinkFactory(SerialLinkFactory serialLinkFactory) {
        this.serialLinkFactory = serialLinkFactory;
    }

    public InvocationCounterStore getInvocationCounterStore() {
        return invocationCounterStore;
    }

    public void setInvocationCounterStore(InvocationCounterStore invocationCounterStore) {
        this.invocationCounterStore = invocationCounterStore;
    }
}
