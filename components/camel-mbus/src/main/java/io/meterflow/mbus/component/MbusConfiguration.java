package io.meterflow.mbus.component;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Options of the {@code mbus} endpoint. */
@UriParams
public class MbusConfiguration implements Cloneable {

    @UriPath(description = "Transport to the bus; tcp (an M-Bus-to-TCP gateway, transparent mode)")
    @Metadata(required = true, enums = "tcp", defaultValue = "tcp")
    private String transport = "tcp";
    @UriPath(description = "Host name or address of the gateway")
    @Metadata(required = true)
    private String host;
    @UriPath(description = "TCP port of the gateway")
    @Metadata(required = true)
    private int port;
    @UriParam(description = "Primary address (0-250) of the meter to read; -1 when reading by secondary address",
            defaultValue = "-1")
    private int primaryAddress = -1;
    @UriParam(description = "Secondary address of the meter to read: 16 hex digits, identification (8 BCD digits),"
            + " manufacturer (4), version (2), medium (2); F is a wildcard digit, e.g. 12345678FFFFFFFF")
    private String secondaryAddress;
    @UriParam(description = "What the endpoint does: read one meter, or scan the bus and list the meters on it",
            enums = "read,scan", defaultValue = "read")
    private String operation = "read";
    @UriParam(description = "Scan method: primary (try addresses scanFrom..scanTo) or secondary (wildcard search)",
            enums = "primary,secondary", defaultValue = "primary")
    private String scanMode = "primary";
    @UriParam(description = "First primary address of a primary scan", defaultValue = "0")
    private int scanFrom;
    @UriParam(description = "Last primary address of a primary scan", defaultValue = "250")
    private int scanTo = 250;
    @UriParam(description = "Milliseconds to wait for a meter's answer (M-Bus allows 330 bit times plus 50 ms;"
            + " gateways add their own latency)", defaultValue = "2000")
    private int timeout = 2000;
    @UriParam(description = "Milliseconds to wait for the TCP connection to the gateway", defaultValue = "5000")
    private int connectTimeout = 5000;
    @UriParam(description = "How often a request is repeated after a timeout or a damaged answer", defaultValue = "2")
    private int retries = 2;
    @UriParam(description = "Most telegrams read in one multi-telegram readout (the meter sets 'more records follow')",
            defaultValue = "16")
    private int maxTelegrams = 16;
    @UriParam(description = "Send SND_NKE (link reset) before reading, as EN 13757-2 asks after a master restart",
            defaultValue = "true")
    private boolean resetBeforeRead = true;

    public MbusConfiguration copy() {
        try {
            return (MbusConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    public String getTransport() { return transport; }
    public void setTransport(String transport) { this.transport = transport; }
    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    public int getPrimaryAddress() { return primaryAddress; }
    public void setPrimaryAddress(int primaryAddress) { this.primaryAddress = primaryAddress; }
    public String getSecondaryAddress() { return secondaryAddress; }
    public void setSecondaryAddress(String secondaryAddress) { this.secondaryAddress = secondaryAddress; }
    public String getOperation() { return operation; }
    public void setOperation(String operation) { this.operation = operation; }
    public String getScanMode() { return scanMode; }
    public void setScanMode(String scanMode) { this.scanMode = scanMode; }
    public int getScanFrom() { return scanFrom; }
    public void setScanFrom(int scanFrom) { this.scanFrom = scanFrom; }
    public int getScanTo() { return scanTo; }
    public void setScanTo(int scanTo) { this.scanTo = scanTo; }
    public int getTimeout() { return timeout; }
    public void setTimeout(int timeout) { this.timeout = timeout; }
    public int getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(int connectTimeout) { this.connectTimeout = connectTimeout; }
    public int getRetries() { return retries; }
    public void setRetries(int retries) { this.retries = retries; }
    public int getMaxTelegrams() { return maxTelegrams; }
    public void setMaxTelegrams(int maxTelegrams) { this.maxTelegrams = maxTelegrams; }
    public boolean isResetBeforeRead() { return resetBeforeRead; }
    public void setResetBeforeRead(boolean resetBeforeRead) { this.resetBeforeRead = resetBeforeRead; }
}
