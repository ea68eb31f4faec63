package io.meterflow.dlms.component;

import org.apache.camel.spi.Metadata;

/** Header names of the dlms component. */
public final class DlmsConstants {

    @Metadata(label = "producer", description = "Operation overriding the endpoint's: get, get-list, read-profile, get-clock, set-clock", javaType = "String")
    public static final String OPERATION = "CamelDlmsOperation";
    @Metadata(label = "producer", description = "OBIS code overriding the endpoint's", javaType = "String")
    public static final String OBIS = "CamelDlmsObis";
    @Metadata(label = "producer", description = "COSEM class id overriding the endpoint's", javaType = "Integer")
    public static final String CLASS_ID = "CamelDlmsClassId";
    @Metadata(label = "producer", description = "Attribute index overriding the endpoint's", javaType = "Integer")
    public static final String ATTRIBUTE = "CamelDlmsAttribute";
    @Metadata(label = "producer", description = "Start of a read-profile range", javaType = "java.time.Instant")
    public static final String FROM = "CamelDlmsFrom";
    @Metadata(label = "producer", description = "End of a read-profile range", javaType = "java.time.Instant")
    public static final String TO = "CamelDlmsTo";
    @Metadata(label = "producer", description = "Meter time minus head-end time before any clock change", javaType = "java.time.Duration")
    public static final String CLOCK_DRIFT = "CamelDlmsClockDrift";
    @Metadata(label = "producer", description = "True when set-clock changed the meter's clock", javaType = "Boolean")
    public static final String CLOCK_SET = "CamelDlmsClockSet";
    @Metadata(label = "consumer", description = "Sender of a received push, host:port", javaType = "String")
    public static final String REMOTE_ADDRESS = "CamelDlmsRemoteAddress";
    @Metadata(label = "consumer", description = "Transport a push came by: udp, tcp or hdlc", javaType = "String")
    public static final String TRANSPORT = "CamelDlmsTransport";
    @Metadata(label = "consumer", description = "When the push was received", javaType = "java.time.Instant")
    public static final String RECEIVED_AT = "CamelDlmsReceivedAt";

    private DlmsConstants() {
    }
}
