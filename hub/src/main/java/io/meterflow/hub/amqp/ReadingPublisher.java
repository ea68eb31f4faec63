package io.meterflow.hub.amqp;

import java.util.List;
import java.util.Map;

import io.meterflow.model.ReadingBatch;
import io.meterflow.model.ReadingBatchCodec;
import org.springframework.stereotype.Component;

/**
 * Publishes reading batches, confirmed by the broker before it returns: stored ones to
 * {@code meterflow.readings} for other systems, ones to be stored to {@code meterflow.ingest}.
 */
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

    /**
     * Header of the batches on {@code meterflow.readings}: they are stored. The storage workers
     * set such a batch aside unstored, should one reach them through a binding made by hand, so a
     * batch can never go round between storage and the feed.
     */
    public static final String STORED = "mf-stored";

    /** Batches stored (or being stored in the caller's transaction), for other systems. */
    public void publish(List<ReadingBatch> batches) {
        publisher.publish(AmqpTopology.READINGS, messages(batches, Map.of("schema", ReadingBatch.SCHEMA, STORED, true)));
    }

    /** A stored batch's message as it came (the storage workers pass on what they stored). */
    public void publishStored(String routingKey, String batchId, byte[] json) {
        publisher.publish(AmqpTopology.READINGS, List.of(new ConfirmedPublisher.Outgoing(routingKey, json, "application/json",
                batchId, Map.<String, Object>of("schema", ReadingBatch.SCHEMA, STORED, true))));
    }

    /** Batches for the storage workers, through {@code meterflow.ingest}. */
    public void publishForStorage(List<ReadingBatch> batches) {
        publisher.publish(AmqpTopology.INGEST, messages(batches, Map.of("schema", ReadingBatch.SCHEMA)));
    }

    private static List<ConfirmedPublisher.Outgoing> messages(List<ReadingBatch> batches, Map<String, Object> headers) {
        return batches.stream().map(b -> new ConfirmedPublisher.Outgoing(routingKey(b), ReadingBatchCodec.toJson(b), "application/json",
                b.batchId().toString(), headers)).toList();
    }
}
