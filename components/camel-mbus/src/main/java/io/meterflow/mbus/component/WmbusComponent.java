package io.meterflow.mbus.component;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code wmbus} component: receives wireless M-Bus telegrams from a transceiver stick,
 * {@code wmbus:serial:/dev/ttyUSB0?transceiver=imst&mode=T}. The body is the telegram's bytes;
 * decode it with the {@code wmbus} data format.
 */
@org.apache.camel.spi.annotations.Component("wmbus")
public class WmbusComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!remaining.startsWith("serial:")) {
            throw new IllegalArgumentException("wmbus endpoint needs serial:<port>, e.g. wmbus:serial:/dev/ttyUSB0, but was "
                    + uri + "; for telegrams from network gateways see the module README");
        }
        WmbusConfiguration config = new WmbusConfiguration();
        config.setPort(remaining.substring("serial:".length()));
        WmbusEndpoint endpoint = new WmbusEndpoint(uri, this, config);
        setProperties(config, parameters);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
