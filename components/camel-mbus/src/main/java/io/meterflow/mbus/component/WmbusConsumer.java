package io.meterflow.mbus.component;

import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/** Opens the transceiver on start and turns every telegram it hears into an exchange. */
public class WmbusConsumer extends DefaultConsumer implements WmbusTransceiver.Sink {

    private WmbusTransceiver transceiver;

    public WmbusConsumer(WmbusEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        WmbusConfiguration c = ((WmbusEndpoint) getEndpoint()).getConfiguration();
        transceiver = c.getTransceiverFactory().open(c, this);
    }

    @Override
    protected void doStop() throws Exception {
        if (transceiver != null) {
            transceiver.close();
            transceiver = null;
        }
        super.doStop();
    }

    @Override
    public void telegram(byte[] telegram, Integer rssi, boolean decodedByReceiver) {
        if (!decodedByReceiver && !((WmbusEndpoint) getEndpoint()).getConfiguration().isForwardUnparsed()) {
            return;
        }
        Exchange exchange = createExchange(true);
        try {
            exchange.getMessage().setBody(telegram);
            if (rssi != null) {
                exchange.getMessage().setHeader(WmbusEndpoint.RSSI, rssi);
            }
            exchange.getMessage().setHeader(WmbusEndpoint.PARSED_BY_RECEIVER, decodedByReceiver);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("error processing a received wireless M-Bus telegram",
                        exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        }
    }

    @Override
    public void stopped(IOException cause) {
        getExceptionHandler().handleException("the wireless M-Bus receiver stopped", cause);
    }
}
