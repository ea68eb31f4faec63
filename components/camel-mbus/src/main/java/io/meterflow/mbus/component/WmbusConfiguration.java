package io.meterflow.mbus.component;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Options of the {@code wmbus} endpoint (a wireless M-Bus receiver). */
@UriParams
public class WmbusConfiguration {

    @UriPath(description = "Serial port of the transceiver stick, e.g. /dev/ttyUSB0")
    @Metadata(required = true)
    private String port;
    @UriParam(description = "Transceiver make", enums = "amber,imst,radiocrafts", defaultValue = "amber")
    private String transceiver = "amber";
    @UriParam(description = "Wireless M-Bus mode the stick listens in", enums = "S,T,C", defaultValue = "T")
    private String mode = "T";
    @UriParam(description = "Also pass on bytes the receiver library could not parse itself", defaultValue = "true")
    private boolean forwardUnparsed = true;
    @UriParam(label = "advanced", description = "Opens the receiver; the default uses jMBus")
    private WmbusTransceiver.Factory transceiverFactory = new JmbusTransceiverFactory();

    public String getPort() { return port; }
    public void setPort(String port) { this.port = port; }
    public String getTransceiver() { return transceiver; }
    public void setTransceiver(String transceiver) { this.transceiver = transceiver; }
    public String getMode() { return mode; }
    public void setMode(String mode) { this.mode = mode; }
    public boolean isForwardUnparsed() { return forwardUnparsed; }
    public void setForwardUnparsed(boolean forwardUnparsed) { this.forwardUnparsed = forwardUnparsed; }
    public WmbusTransceiver.Factory getTransceiverFactory() { return transceiverFactory; }
    public void setTransceiverFactory(WmbusTransceiver.Factory transceiverFactory) { this.transceiverFactory = transceiverFactory; }
}
