package io.meterflow.mbus.component;

import io.meterflow.mbus.MbusConstants;
import io.meterflow.mbus.TelegramMerger;
import io.meterflow.model.Telegram;
import java.io.IOException;
import java.util.List;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * Reads one meter (body: the merged {@link Telegram} of its readout) or scans a bus (body: a
 * list of {@link MbusMaster.Found}). As a consumer it polls on the scheduler's {@code delay}.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "mbus", title = "M-Bus", syntax = "mbus:transport://host:port",
        category = {Category.IOT}, headersClass = MbusConstants.class)
public class MbusEndpoint extends ScheduledPollEndpoint {

    @UriParam
    private MbusConfiguration configuration;

    public MbusEndpoint(String uri, MbusComponent component, MbusConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new MbusProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        MbusPollingConsumer consumer = new MbusPollingConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public MbusConfiguration getConfiguration() {
        return configuration;
    }

    /** Runs the configured operation in one gateway session and fills the exchange. */
    void execute(Exchange exchange, String operation) throws IOException {
        MbusConfiguration c = configuration;
        try (MbusLink link = new MbusLink(c.getHost(), c.getPort(), c.getConnectTimeout(), c.getTimeout())) {
            MbusMaster master = new MbusMaster(link, c.getRetries());
            if ("scan".equals(operation)) {
                List<MbusMaster.Found> found = "secondary".equals(c.getScanMode())
                        ? master.scanSecondary() : master.scanPrimary(c.getScanFrom(), c.getScanTo());
                exchange.getMessage().setBody(found);
                return;
            }
            if (!"read".equals(operation)) {
                throw new IllegalArgumentException("unknown mbus operation " + operation + "; use read or scan");
            }
            int address;
            if (c.getSecondaryAddress() != null && !c.getSecondaryAddress().isBlank()) {
                if (c.isResetBeforeRead()) {
                    master.reset(MbusMaster.SELECTED); // deselects whichever meter was selected before
                }
                MbusLink.Answer a = master.select(c.getSecondaryAddress());
                if (!(a instanceof MbusLink.Answer.Received r) || r.frame().length != 1) {
                    throw new MbusTimeoutException(a instanceof MbusLink.Answer.Garbled
                            ? "several meters match secondary address " + c.getSecondaryAddress()
                            : "no meter acknowledged secondary address " + c.getSecondaryAddress());
                }
                address = MbusMaster.SELECTED;
                exchange.getMessage().setHeader(MbusConstants.SECONDARY_ADDRESS, c.getSecondaryAddress());
            } else {
                address = c.getPrimaryAddress();
                if (address < 0 || address > 250) {
                    throw new IllegalArgumentException("primaryAddress must be 0..250 (or set secondaryAddress), but was " + address);
                }
                if (c.isResetBeforeRead() && !master.reset(address)) {
                    throw new MbusTimeoutException("no answer from address " + address + " to SND_NKE");
                }
                exchange.getMessage().setHeader(MbusConstants.PRIMARY_ADDRESS, address);
            }
            List<Telegram> telegrams = master.readout(address, c.getMaxTelegrams());
            Telegram merged = TelegramMerger.merge(telegrams);
            exchange.getMessage().setHeader(MbusConstants.TELEGRAM_COUNT, telegrams.size());
            if (merged.device() != null) {
                exchange.getMessage().setHeader(MbusConstants.DEVICE_KEY, merged.device().key());
            }
            exchange.getMessage().setBody(merged);
        }
    }
}
