package io.meterflow.hub.receive;

import org.apache.camel.component.netty.ChannelHandlerFactories;
import org.apache.camel.component.netty.ChannelHandlerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Netty framing for the TCP receivers, referenced by name from the receiver routes. */
@Configuration
public class ReceiverCodecs {

    /**
     * DLMS wrapper (IEC 62056-47) frames on a TCP stream: version (2 bytes), source and
     * destination wPort (2 each), then the APDU length (2 bytes, big-endian) and the APDU. A frame
     * is passed on whole, header included, as the dlms decoder expects it.
     */
    @Bean
    public ChannelHandlerFactory dlmsWrapperFramer() {
        return ChannelHandlerFactories.newLengthFieldBasedFrameDecoder(8 + 65_535, 6, 2, 0, 0);
    }

    @Bean
    public ChannelHandlerFactory bytesDecoder() {
        return ChannelHandlerFactories.newByteArrayDecoder("tcp");
    }
}
