package io.meterflow.iec62056.component;

import io.meterflow.iec62056.p1.P1Decoder;
import io.meterflow.iec62056.p1.P1StreamReader;
import io.meterflow.iec62056.protocol.Link;
import io.meterflow.model.DecodeException;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * Receives a DSMR P1 stream: connects to a TCP dongle (or opens the serial port), cuts the stream
 * into telegrams and sends each as one exchange. The body is the telegram text, or its
 * {@link io.meterflow.model.Telegram} with {@code decode=true}. A lost stream is reconnected after
 * {@code reconnectDelay}; a telegram that fails its CRC goes to the exception handler and the
 * stream goes on.
 */
public class P1Consumer extends DefaultConsumer {

    private final Iec62056Configuration config;
    private ExecutorService executor;
    private volatile Link current;
    private volatile boolean running;

    public P1Consumer(Iec62056Endpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.config = endpoint.getConfiguration();
    }

    @Override
    public Iec62056Endpoint getEndpoint() {
        return (Iec62056Endpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        executor = getEndpoint().getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, "iec62056-p1");
        executor.submit(this::receive);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        Link link = current;
        if (link != null) {
            link.close(); // unblocks the read
        }
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(executor);
            executor = null;
        }
        super.doStop();
    }

    private void receive() {
        P1Decoder decoder = new P1Decoder(config.mappingOptions(P1Decoder.PROTOCOL));
        while (running) {
            try (Link link = getEndpoint().openLink(true)) {
                current = link;
                link.readTimeout(0);
                P1StreamReader reader = new P1StreamReader(link.in());
                String text;
                while (running && (text = reader.next()) != null) {
                    deliver(text, decoder);
                }
            } catch (IOException e) {
                if (running) {
                    getExceptionHandler().handleException("P1 stream " + config.getTarget() + " lost", e);
                }
            } finally {
                current = null;
            }
            if (running) {
                try {
                    Thread.sleep(config.getReconnectDelay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void deliver(String text, P1Decoder decoder) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setHeader(Iec62056Constants.PROTOCOL, P1Decoder.PROTOCOL);
            exchange.getIn().setHeader(Iec62056Constants.RAW, text);
            exchange.getIn().setBody(config.isDecode() ? decoder.decode(text) : text);
            getProcessor().process(exchange);
        } catch (DecodeException e) {
            exchange.setException(e);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("P1 telegram from " + config.getTarget(), exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        }
    }
}
