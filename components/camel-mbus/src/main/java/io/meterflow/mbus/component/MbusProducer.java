package io.meterflow.mbus.component;

import io.meterflow.mbus.MbusConstants;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Reads a meter or scans the bus when an exchange arrives; the header {@value MbusConstants#OPERATION} may override the operation. */
public class MbusProducer extends DefaultProducer {

    public MbusProducer(MbusEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        MbusEndpoint endpoint = (MbusEndpoint) getEndpoint();
        String operation = exchange.getIn().getHeader(MbusConstants.OPERATION,
                endpoint.getConfiguration().getOperation(), String.class);
        endpoint.execute(exchange, operation);
    }
}
