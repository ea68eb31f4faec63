package io.meterflow.iec62056.component;

import org.apache.camel.spi.Metadata;

/** Message headers of the iec62056 component. */
public final class Iec62056Constants {

    @Metadata(label = "producer", description = "Overrides the operation of the endpoint: readout, read or write", javaType = "String")
    public static final String OPERATION = "CamelIec62056Operation";
    @Metadata(label = "producer", description = "The register (data-set address) for read and write", javaType = "String")
    public static final String REGISTER = "CamelIec62056Register";
    @Metadata(label = "producer", description = "The value to write, e.g. 231.0*V", javaType = "String")
    public static final String VALUE = "CamelIec62056Value";
    @Metadata(description = "The readout or telegram as received, characters as ISO-8859-1 bytes", javaType = "String")
    public static final String RAW = "CamelIec62056Raw";
    @Metadata(description = "The protocol of the frame: iec62056-21 or p1", javaType = "String")
    public static final String PROTOCOL = "CamelIec62056Protocol";
    @Metadata(description = "The identification line the meter sent, after '/'", javaType = "String")
    public static final String IDENTIFICATION = "CamelIec62056Identification";

    private Iec62056Constants() {
    }
}
