package io.meterflow.dlms.component;

import io.meterflow.dlms.axdr.Hex;
import io.meterflow.dlms.client.Authentication;
import io.meterflow.dlms.client.ClientSettings;

import java.nio.charset.StandardCharsets;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Options of a dlms endpoint. */
@UriParams
public class DlmsConfiguration implements Cloneable {

    @UriPath(enums = "tcp,udp,hdlc,serial", description = "tcp: wrapper over TCP; udp: wrapper over UDP (consumer); hdlc: HDLC over TCP (meter or serial-to-TCP converter); serial: HDLC over a serial port (dlms:serial:/dev/ttyUSB0)")
    @Metadata(required = true)
    private String transport;
    @UriPath(description = "Meter host (producer) or local address to listen on (consumer); not used with serial")
    private String host;
    @UriPath(label = "serial", description = "Serial port name for transport serial, e.g. /dev/ttyUSB0 or COM3")
    private String serialPort;
    @UriParam(label = "serial", defaultValue = "9600", description = "Serial line speed in bits per second")
    private int baudRate = 9600;
    @UriParam(label = "serial", defaultValue = "8", description = "Serial data bits (5 to 8)")
    private int dataBits = 8;
    @UriParam(label = "serial", defaultValue = "none", enums = "none,odd,even,mark,space", description = "Serial parity")
    private String parity = "none";
    @UriParam(label = "serial", defaultValue = "1", enums = "1,1.5,2", description = "Serial stop bits")
    private String stopBits = "1";
    @UriPath(defaultValue = "4059")
    private int port = 4059;

    @UriParam(label = "producer", defaultValue = "16", description = "Client SAP / wPort / HDLC client address")
    private int clientAddress = 16;
    @UriParam(label = "producer", defaultValue = "1", description = "Server logical device (wPort or HDLC upper address)")
    private int serverAddress = 1;
    @UriParam(label = "producer", defaultValue = "17", description = "HDLC lower (physical) server address")
    private int physicalAddress = 17;
    @UriParam(label = "security", defaultValue = "none", enums = "none,low,high-gmac")
    private String authentication = "none";
    @UriParam(label = "security", secret = true, description = "LLS password")
    private String password;
    @UriParam(label = "security", description = "Use glo-ciphering (security suite 0, authenticated and encrypted)")
    private boolean ciphered;
    @UriParam(label = "security", description = "Client system title, 16 hex digits")
    private String systemTitle;
    @UriParam(label = "security", secret = true, description = "Encryption key (global unicast key), 32 hex digits")
    private String encryptionKey;
    @UriParam(label = "security", secret = true, description = "Authentication key, 32 hex digits")
    private String authenticationKey;
    @UriParam(defaultValue = "5000", description = "Connect and response timeout in milliseconds")
    private int timeout = 5000;
    @UriParam(label = "producer", defaultValue = "65535", description = "Largest APDU the client accepts; longer responses come by block transfer")
    private int maxPduSize = 0xFFFF;

    @UriParam(label = "producer", defaultValue = "get", enums = "get,get-list,read-profile,get-clock,set-clock")
    private String operation = "get";
    @UriParam(label = "producer", description = "OBIS code of the object, e.g. 1-0:1.8.0*255; for get-list a comma-separated list of class/obis/attribute")
    private String obis;
    @UriParam(label = "producer", defaultValue = "3", description = "COSEM class id")
    private int classId = 3;
    @UriParam(label = "producer", defaultValue = "2", description = "Attribute index")
    private int attribute = 2;
    @UriParam(label = "producer", description = "Start of a read-profile range (ISO-8601 instant)")
    private String from;
    @UriParam(label = "producer", description = "End of a read-profile range (ISO-8601 instant)")
    private String to;
    @UriParam(label = "producer", defaultValue = "10", description = "set-clock changes the meter's clock only when it is off by more seconds than this")
    private int maxDrift = 10;

    @UriParam(label = "consumer", defaultValue = "true", description = "Decode pushes into telegrams; false gives the raw frames")
    private boolean decode = true;
    @UriParam(label = "consumer", description = "Push layout to use for every push instead of choosing by content")
    private String layout;
    @UriParam(label = "consumer", description = "Directory of additional push layout YAML files")
    private String layoutDirectory;
    @UriParam(defaultValue = "UTC", description = "Time zone of meter times sent without deviation")
    private String timeZone = "UTC";

    public ClientSettings clientSettings() {
        return new ClientSettings(Authentication.parse(authentication),
                password == null ? null : password.getBytes(StandardCharsets.US_ASCII), ciphered,
                systemTitle == null ? ClientSettings.DEFAULT_SYSTEM_TITLE : Hex.parse(systemTitle),
                encryptionKey == null ? null : Hex.parse(encryptionKey),
                authenticationKey == null ? null : Hex.parse(authenticationKey), maxPduSize);
    }

    public DlmsConfiguration copy() {
        try {
            return (DlmsConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    public String getTransport() {
        return transport;
    }

    public void setTransport(String transport) {
        this.transport = transport;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public int getClientAddress() {
        return clientAddress;
    }

    public void setClientAddress(int clientAddress) {
        this.clientAddress = clientAddress;
    }

    public int getServerAddress() {
        return serverAddress;
    }

    public void setServerAddress(int serverAddress) {
        this.serverAddress = serverAddress;
    }

    public int getPhysicalAddress() {
        return physicalAddress;
    }

    public void setPhysicalAddress(int physicalAddress) {
        this.physicalAddress = physicalAddress;
    }

    public String getAuthentication() {
        return authentication;
    }

    public void setAuthentication(String authentication) {
        this.authentication = authentication;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public boolean isCiphered() {
        return ciphered;
    }

    public void setCiphered(boolean ciphered) {
        this.ciphered = ciphered;
    }

    public String getSystemTitle() {
        return systemTitle;
    }

    public void setSystemTitle(String systemTitle) {
        this.systemTitle = systemTitle;
    }

    public String getEncryptionKey() {
        return encryptionKey;
    }

    public void setEncryptionKey(String encryptionKey) {
        this.encryptionKey = encryptionKey;
    }

    public String getAuthenticationKey() {
        return authenticationKey;
    }

    public void setAuthenticationKey(String authenticationKey) {
        this.authenticationKey = authenticationKey;
    }

    public int getTimeout() {
        return timeout;
    }

    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    public int getMaxPduSize() {
        return maxPduSize;
    }

    public void setMaxPduSize(int maxPduSize) {
        this.maxPduSize = maxPduSize;
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public String getObis() {
        return obis;
    }

    public void setObis(String obis) {
        this.obis = obis;
    }

    public int getClassId() {
        return classId;
    }

    public void setClassId(int classId) {
        this.classId = classId;
    }

    public int getAttribute() {
        return attribute;
    }

    public void setAttribute(int attribute) {
        this.attribute = attribute;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public int getMaxDrift() {
        return maxDrift;
    }

    public void setMaxDrift(int maxDrift) {
        this.maxDrift = maxDrift;
    }

    public boolean isDecode() {
        return decode;
    }

    public void setDecode(boolean decode) {
        this.decode = decode;
    }

    public String getLayout() {
        return layout;
    }

    public void setLayout(String layout) {
        this.layout = layout;
    }

    public String getLayoutDirectory() {
        return layoutDirectory;
    }

    public void setLayoutDirectory(String layoutDirectory) {
        this.layoutDirectory = layoutDirectory;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    /** The serial line of a {@code dlms:serial:} endpoint. */
    public io.meterflow.dlms.link.SerialSettings serialSettings() {
        return new io.meterflow.dlms.link.SerialSettings(serialPort, baudRate, dataBits, parity, stopBits);
    }

    public String getSerialPort() {
        return serialPort;
    }

    public void setSerialPort(String serialPort) {
        this.serialPort = serialPort;
    }

    public int getBaudRate() {
        return baudRate;
    }

    public void setBaudRate(int baudRate) {
        this.baudRate = baudRate;
    }

    public int getDataBits() {
        return dataBits;
    }

    public void setDataBits(int dataBits) {
        this.dataBits = dataBits;
    }

    public String getParity() {
        return parity;
    }

    public void setParity(String parity) {
        this.parity = parity;
    }

    public String getStopBits() {
        return stopBits;
    }

    public void setStopBits(String stopBits) {
        this.stopBits = stopBits;
    }
}
