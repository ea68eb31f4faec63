package io.meterflow.iec62056.component;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code iec62056:tcp://host:port?...} and {@code iec62056:serial:/dev/ttyUSB0?...}: IEC 62056-21
 * meters polled by the producer, DSMR P1 streams received by the consumer.
 */
@Component("iec62056")
public class Iec62056Component extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String rest = remaining.startsWith("//") ? remaining.substring(2) : remaining;
        int colon = rest.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("iec62056 endpoint \"" + uri + "\" needs tcp://host:port or serial:<port>");
        }
        Iec62056Configuration config = new Iec62056Configuration();
        String transport = rest.substring(0, colon);
        String target = rest.substring(colon + 1);
        if (target.startsWith("//")) {
            target = target.substring(2);
        }
        if (!transport.equals("tcp") && !transport.equals("serial")) {
            throw new IllegalArgumentException("iec62056 transport must be tcp or serial but was \"" + transport + "\"");
        }
        config.setTransport(transport);
        config.setTarget(target);
        Iec62056Endpoint endpoint = new Iec62056Endpoint(uri, this, config);
        setProperties(config, parameters);
        setProperties(endpoint, parameters);
        if (transport.equals("tcp")) {
            config.port(); // fail at start-up rather than at the first poll
        }
        return endpoint;
    }
}
