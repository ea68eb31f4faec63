package io.meterflow.hub.amqp;

import java.time.Duration;
import java.util.List;

import io.meterflow.model.ReadingBatch;
import io.meterflow.model.ReadingBatchCodec;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Publishes reading batches to {@code meterflow.readings} with publisher confirms: {@link #publish}
 * returns only after the broker has taken responsibility for every batch, so a caller that
 * answers "accepted" afterwards never answers it for data the broker did not get.
 */
@Component
public class ReadingPublisher {

    private final RabbitTemplate rabbit;
    private final Duration confirmTimeout;

    public ReadingPublisher(RabbitTemplate rabbit,
                            @Value("${meterflow.amqp.confirm-timeout:10s}") Duration confirmTimeout) {
        this.rabbit = rabbit;
        this.confirmTimeout = confirmTimeout;
    }

    /** Routing key {@code <org>.<medium>.<meter>}, so consumers can subscribe by tenant or medium. */
    public static String routingKey(ReadingBatch batch) {
        String medium = batch.medium() == null ? "unknown" : batch.medium();
        return batch.organizationId() + "." + medium + "." + batch.meterId();
    }

    public void publish(List<ReadingBatch> batches) {
        if (batches.isEmpty()) {
            return;
        }
        rabbit.invoke(ops -> {
            for (ReadingBatch batch : batches) {
                MessageProperties props = new MessageProperties();
                props.setContentType("application/json");
                props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
                props.setMessageId(batch.batchId().toString());
                props.setHeader("schema", ReadingBatch.SCHEMA);
                ops.send(AmqpTopology.READINGS, routingKey(batch),
                        new org.springframework.amqp.core.Message(ReadingBatchCodec.toJson(batch), props));
            }
            ops.waitForConfirmsOrDie(confirmTimeout.toMillis());
            return null;
        });
    }
}
