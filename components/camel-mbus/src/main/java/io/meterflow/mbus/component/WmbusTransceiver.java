package io.meterflow.mbus.component;

import java.io.Closeable;
import java.io.IOException;

/**
 * A wireless M-Bus receiver that hands every telegram it hears to a sink. The default opens a
 * transceiver stick through jMBus ({@link JmbusTransceiverFactory}); tests and other radios plug
 * in their own factory.
 */
public interface WmbusTransceiver extends Closeable {

    /** Where received bytes go. */
    interface Sink {
        /**
         * @param telegram the bytes as the stick delivered them (with or without CRC blocks)
         * @param rssi     received signal strength in dBm, or null
         * @param decodedByReceiver false when the receiver library could not parse the telegram
         *                          itself (Meterflow's decoder may still decode it, e.g. mode 7)
         */
        void telegram(byte[] telegram, Integer rssi, boolean decodedByReceiver);

        /** The receiver stopped, e.g. the stick was unplugged. */
        void stopped(IOException cause);
    }

    /** Opens receivers. */
    interface Factory {
        WmbusTransceiver open(WmbusConfiguration configuration, Sink sink) throws IOException;
    }
}
