package io.meterflow.hub.receive;

import io.netty.channel.ChannelHandler;
import org.apache.camel.component.netty.DefaultChannelHandlerFactory;
import org.apache.camel.component.netty.ChannelHandlerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Netty framing for the TCP receivers, referenced by name from the receiver routes. */
@Configuration
public class ReceiverCodecs {

    /** DLMS wrapper frames on a TCP stream, the frames of each read together ({@link WrapperFrames}); a decoder per connection. */
    @Bean
    public ChannelHandlerFactory dlmsWrapperFrames() {
        return new DefaultChannelHandlerFactory() {
            @Override
            public ChannelHandler newChannelHandler() {
                return new WrapperFrames();
            }
        };
    }
}
