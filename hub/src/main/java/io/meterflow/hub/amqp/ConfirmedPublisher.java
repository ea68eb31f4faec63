package io.meterflow.hub.amqp;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Publishes persistent messages and returns only when the broker has confirmed every one of
 * them, so a caller that acknowledges its own input afterwards (an HTTP 202, an AMQP ack, a
 * transport-level ack to a meter) never acknowledges data the broker did not take.
 */
@Component
public class ConfirmedPublisher {

    /** One message: routing key, body, content type and headers. */
    public record Outgoing(String routingKey, byte[] body, String contentType, String messageId, Map<String, Object> headers) {
    }

    private final RabbitTemplate rabbit;
    private final Duration confirmTimeout;

    public ConfirmedPublisher(RabbitTemplate rabbit, @Value("${meterflow.amqp.confirm-timeout:10s}") Duration confirmTimeout) {
        this.rabbit = rabbit;
        this.confirmTimeout = confirmTimeout;
    }

    public void publish(String exchange, List<Outgoing> messages) {
        if (messages.isEmpty()) {
            return;
        }
        rabbit.invoke(ops -> {
            for (Outgoing m : messages) {
                MessageProperties props = new MessageProperties();
                props.setContentType(m.contentType());
                props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
                if (m.messageId() != null) {
                    props.setMessageId(m.messageId());
                }
                m.headers().forEach(props::setHeader);
                ops.send(exchange, m.routingKey(), new Message(m.body(), props));
            }
            ops.waitForConfirmsOrDie(confirmTimeout.toMillis());
            return null;
        });
    }
}
