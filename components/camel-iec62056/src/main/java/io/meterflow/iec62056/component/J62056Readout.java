package io.meterflow.iec62056.component;

import io.meterflow.iec62056.readout.DataSet;
import io.meterflow.iec62056.readout.DataValue;
import io.meterflow.iec62056.readout.FrameText;
import io.meterflow.iec62056.readout.Identification;
import io.meterflow.iec62056.readout.Readout;
import io.meterflow.iec62056.readout.ReadoutDecoder;
import io.meterflow.iec62056.readout.TelegramMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.openmuc.j62056.DataMessage;
import org.openmuc.j62056.Iec21Port;

/**
 * Readouts over a local serial port through j62056, which handles the sign-on, baud-rate switch
 * and BCC on the optical probe. j62056 returns the data sets, not the characters, so the raw
 * header holds the data sets written back in IEC 62056-21 form.
 */
final class J62056Readout {

    private J62056Readout() {
    }

    static void read(Iec62056Configuration config, Exchange exchange) throws Exception {
        Iec21Port port = new Iec21Port.Builder(config.getTarget())
                .setDeviceAddress(config.getAddress())
                .setTimeout(config.getResponseTimeout())
                .setBaudRateChangeDelay(config.getBaudSwitchDelay())
                .buildAndOpen();
        DataMessage message;
        try {
            message = port.read();
        } finally {
            port.close();
        }
        List<DataSet> sets = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        for (org.openmuc.j62056.DataSet ds : message.getDataSets()) {
            String unit = ds.getUnit() == null || ds.getUnit().isEmpty() ? null : ds.getUnit();
            DataSet set = new DataSet(ds.getAddress(), List.of(new DataValue(ds.getValue(), unit)));
            sets.add(set);
            raw.append(set).append("\r\n");
        }
        String line = message.getManufacturerId() + "?" + (message.getEnhancedId() == null ? "" : message.getEnhancedId())
                + message.getMeterId();
        Identification ident = new Identification(line, message.getManufacturerId(), '?', "", message.getMeterId());
        Readout readout = new Readout(ident, sets, Readout.Check.BCC, null, "!");
        exchange.getIn().setHeader(Iec62056Constants.RAW, raw.toString());
        exchange.getIn().setHeader(Iec62056Constants.PROTOCOL, ReadoutDecoder.PROTOCOL);
        exchange.getIn().setHeader(Iec62056Constants.IDENTIFICATION, line);
        exchange.getIn().setBody(new TelegramMapper(config.mappingOptions(ReadoutDecoder.PROTOCOL))
                .map(readout, FrameText.bytes(raw.toString())));
    }
}
