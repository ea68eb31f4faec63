package io.meterflow.mbus.component;

import java.io.IOException;
import java.util.Locale;
import org.openmuc.jmbus.wireless.WMBusConnection;
import org.openmuc.jmbus.wireless.WMBusListener;
import org.openmuc.jmbus.wireless.WMBusMessage;
import org.openmuc.jmbus.wireless.WMBusMode;

/**
 * Opens an Amber, IMST or Radiocrafts transceiver on a serial port through jMBus. jMBus needs
 * the RXTX native library at run time; without it, opening fails with jMBus's error. Decoding is
 * left to Meterflow: jMBus is only the radio driver here, and no keys are given to it.
 */
public class JmbusTransceiverFactory implements WmbusTransceiver.Factory {

    @Override
    public WmbusTransceiver open(WmbusConfiguration c, WmbusTransceiver.Sink sink) throws IOException {
        WMBusConnection.WMBusManufacturer maker;
        switch (c.getTransceiver().toLowerCase(Locale.ROOT)) {
            case "amber": maker = WMBusConnection.WMBusManufacturer.AMBER; break;
            case "imst": maker = WMBusConnection.WMBusManufacturer.IMST; break;
            case "radiocrafts": maker = WMBusConnection.WMBusManufacturer.RADIO_CRAFTS; break;
            default: throw new IllegalArgumentException("transceiver must be amber, imst or radiocrafts, but was "
                    + c.getTransceiver());
        }
        WMBusListener listener = new WMBusListener() {
            @Override
            public void newMessage(WMBusMessage message) {
                sink.telegram(message.asBlob(), message.getRssi(), true);
            }

            @Override
            public void discardedBytes(byte[] bytes) {
                sink.telegram(bytes, null, false);
            }

            @Override
            public void stoppedListening(IOException cause) {
                sink.stopped(cause);
            }
        };
        WMBusConnection connection = new WMBusConnection.WMBusSerialBuilder(maker, listener, c.getPort())
                .setMode(WMBusMode.valueOf(c.getMode().toUpperCase(Locale.ROOT)))
                .build();
        return connection::close;
    }
}
