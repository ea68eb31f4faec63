package io.meterflow.mbus.component;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;

/** Reads the meter (or scans the bus) on every poll and hands the result to the route. */
public class MbusPollingConsumer extends ScheduledPollConsumer {

    public MbusPollingConsumer(MbusEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    protected int poll() throws Exception {
        MbusEndpoint endpoint = (MbusEndpoint) getEndpoint();
        Exchange exchange = createExchange(true);
        try {
            endpoint.execute(exchange, endpoint.getConfiguration().getOperation());
            getProcessor().process(exchange);
            return 1;
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
