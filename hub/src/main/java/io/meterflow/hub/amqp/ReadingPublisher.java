package io.meterflow.hub.amqp;

import java.util.List;
import java.util.Map;

import io.meterflow.model.ReadingBatch;
import io.meterflow.model.ReadingBatchCodec;
import org.springframework.stereotype.Component;

/** Publishes reading batches to {@code meterflow.readings}, confirmed by the broker before it returns. */
@Component
public class ReadingPublisher {

    private final ConfirmedPublisher publisher;

    public ReadingPublisher(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    /** Routing key {@code <org>.<medium>.<meter>}, so consumers can subscribe by tenant or medium. */
    public static String routingKey(ReadingBatch batch) {
        String medium = batch.medium() == null ? "unknown" : batch.medium();
        return batch.organizationId() + "." + medium + "." + batch.meterId();
    }

    public void publish(List<ReadingBatch> batches) {
        publisher.publish(AmqpTopology.READINGS, batches.stream()
                .map(b -> new ConfirmedPublisher.Outgoing(routingKey(b), ReadingBatchCodec.toJson(b), "application/json",
                        b.batchId().toString(), Map.<String, Object>of("schema", ReadingBatch.SCHEMA)))
                .toList());
    }
}
