package io.meterflow.mbus.component;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code mbus} component: reads wired M-Bus meters through M-Bus-to-TCP gateways.
 * {@code mbus:tcp://host:port?primaryAddress=5} or {@code ?secondaryAddress=12345678FFFFFFFF};
 * {@code operation=scan} lists the meters on the bus.
 */
@org.apache.camel.spi.annotations.Component("mbus")
public class MbusComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        MbusConfiguration config = new MbusConfiguration();
        String rest = remaining;
        int scheme = rest.indexOf(':');
        if (scheme < 0) {
            throw new IllegalArgumentException("mbus endpoint needs transport://host:port, e.g. mbus:tcp://gateway:10001, but was " + uri);
        }
        config.setTransport(rest.substring(0, scheme));
        if (!"tcp".equals(config.getTransport())) {
            throw new IllegalArgumentException("mbus transport " + config.getTransport()
                    + " is not supported; use tcp (serial ports: see the module README)");
        }
        rest = rest.substring(scheme + 1);
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        int colon = rest.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("mbus endpoint needs a port: mbus:tcp://host:port, but was " + uri);
        }
        config.setHost(rest.substring(0, colon));
        config.setPort(Integer.parseInt(rest.substring(colon + 1)));
        MbusEndpoint endpoint = new MbusEndpoint(uri, this, config);
        // Meter options bind to the configuration; what is left (scheduler options such as
        // delay) binds to the endpoint, which rejects anything unknown.
        setProperties(config, parameters);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
