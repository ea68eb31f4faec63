package io.meterflow.iec62056.component;

import io.meterflow.iec62056.protocol.ProtocolMode;
import io.meterflow.iec62056.protocol.SessionOptions;
import io.meterflow.iec62056.readout.MappingOptions;
import io.meterflow.model.Medium;
import java.time.ZoneId;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Endpoint options of the iec62056 component. */
@UriParams
public class Iec62056Configuration implements Cloneable {

    @UriPath(enums = "tcp,serial")
    @Metadata(required = true, description = "tcp (gateway, converter, P1 dongle) or serial (local port)")
    private String transport;
    @UriPath(description = "host:port for tcp, the port name such as /dev/ttyUSB0 for serial")
    @Metadata(required = true)
    private String target;

    @UriParam(description = "Device address sent in the sign-on /?address!; empty addresses any meter")
    private String address = "";
    @UriParam(defaultValue = "C", enums = "A,B,C,D,E", description = "Protocol mode; D listens, E is refused (use camel-dlms)")
    private ProtocolMode mode = ProtocolMode.C;
    @UriParam(label = "security", secret = true, description = "Password for programming mode")
    private String password;
    @UriParam(label = "security", defaultValue = "P1", enums = "P1,P2", description = "Password command")
    private String passwordCommand = "P1";
    @UriParam(defaultValue = "9600", description = "Highest baud rate to switch to in mode C; P1 serial line speed for the consumer")
    private int baudRate = 9600;
    @UriParam(defaultValue = "1500", description = "Longest silence accepted from the meter, ms")
    private int responseTimeout = 1500;
    @UriParam(defaultValue = "3000", description = "TCP connect timeout, ms")
    private int connectTimeout = 3000;
    @UriParam(defaultValue = "300", description = "Pause after option select before the new baud rate, ms")
    private int baudSwitchDelay = 300;
    @UriParam(defaultValue = "false", description = "Send the wake-up sequence for battery meters before the sign-on")
    private boolean wakeUp;
    @UriParam(label = "producer", defaultValue = "readout", enums = "readout,read,write", description = "What the producer does")
    private String operation = "readout";
    @UriParam(label = "producer", description = "Register for read and write (a header may override it)")
    private String register;
    @UriParam(defaultValue = "electricity", description = "Medium of the meter: value group A of reduced OBIS codes")
    private String medium = "electricity";
    @UriParam(defaultValue = "Europe/Amsterdam", description = "The meter's time zone")
    private String zone = MappingOptions.DEFAULT_ZONE.getId();
    @UriParam(label = "consumer", defaultValue = "false",
            description = "Decode P1 telegrams into Telegram bodies; by default the body is the telegram text, for the raw-frame queue")
    private boolean decode;
    @UriParam(label = "consumer", defaultValue = "5000", description = "Pause before reconnecting a lost P1 stream, ms")
    private long reconnectDelay = 5000;

    public SessionOptions sessionOptions() {
        return new SessionOptions(address, mode, baudRate, password, passwordCommand, null, responseTimeout,
                baudSwitchDelay, wakeUp, 65, 1600);
    }

    public MappingOptions mappingOptions(String protocol) {
        return new MappingOptions(protocol, Medium.fromCode(medium), 0, ZoneId.of(zone));
    }

    public String host() {
        int colon = target.lastIndexOf(':');
        return colon < 0 ? target : target.substring(0, colon);
    }

    public int port() {
        int colon = target.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("tcp target \"" + target + "\" needs host:port");
        }
        return Integer.parseInt(target.substring(colon + 1));
    }

    public Iec62056Configuration copy() {
        try {
            return (Iec62056Configuration) clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    public String getTransport() { return transport; }
    public void setTransport(String transport) { this.transport = transport; }
    public String getTarget() { return target; }
    public void setTarget(String target) { this.target = target; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public ProtocolMode getMode() { return mode; }
    public void setMode(ProtocolMode mode) { this.mode = mode; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getPasswordCommand() { return passwordCommand; }
    public void setPasswordCommand(String passwordCommand) { this.passwordCommand = passwordCommand; }
    public int getBaudRate() { return baudRate; }
    public void setBaudRate(int baudRate) { this.baudRate = baudRate; }
    public int getResponseTimeout() { return responseTimeout; }
    public void setResponseTimeout(int responseTimeout) { this.responseTimeout = responseTimeout; }
    public int getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(int connectTimeout) { this.connectTimeout = connectTimeout; }
    public int getBaudSwitchDelay() { return baudSwitchDelay; }
    public void setBaudSwitchDelay(int baudSwitchDelay) { this.baudSwitchDelay = baudSwitchDelay; }
    public boolean isWakeUp() { return wakeUp; }
    public void setWakeUp(boolean wakeUp) { this.wakeUp = wakeUp; }
    public String getOperation() { return operation; }
    public void setOperation(String operation) { this.operation = operation; }
    public String getRegister() { return register; }
    public void setRegister(String register) { this.register = register; }
    public String getMedium() { return medium; }
    public void setMedium(String medium) { this.medium = medium; }
    public String getZone() { return zone; }
    public void setZone(String zone) { this.zone = zone; }
    public boolean isDecode() { return decode; }
    public void setDecode(boolean decode) { this.decode = decode; }
    public long getReconnectDelay() { return reconnectDelay; }
    public void setReconnectDelay(long reconnectDelay) { this.reconnectDelay = reconnectDelay; }
}
