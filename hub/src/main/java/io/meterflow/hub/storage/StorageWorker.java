package io.meterflow.hub.storage;

import io.meterflow.hub.amqp.ReadingPublisher;
import io.meterflow.model.ReadingBatch;
import io.meterflow.model.ReadingBatchCodec;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The storage route's step: a reading batch from {@code meterflow.ingest} is stored, then passed
 * on as it came to {@code meterflow.readings}, so other systems see every stored batch there,
 * whether it was decoded here, polled or imported. The message is acknowledged after both.
 */
@Component("storageWorker")
public class StorageWorker {

    private static final Logger log = LoggerFactory.getLogger(StorageWorker.class);

    private final ReadingStore store;
    private final ReadingPublisher feed;

    public StorageWorker(ReadingStore store, ReadingPublisher feed) {
        this.store = store;
        this.feed = feed;
    }

    public ReadingStore.Stored process(byte[] body, @Header(ReadingPublisher.STORED) Object alreadyStored) {
        ReadingBatch batch = ReadingBatchCodec.fromJson(body);
        if (alreadyStored != null) {
            // Only a binding of meterflow.store to meterflow.readings made by hand brings these.
            log.warn("Batch {} from meterflow.readings reached the storage queue; it is stored already and is not taken again "
                    + "(meterflow.store should be bound to meterflow.ingest only)", batch.batchId());
            return new ReadingStore.Stored(batch.batchId().toString(), batch.readings().size(), 0);
        }
        ReadingStore.Stored stored = store.store(batch);
        feed.publishStored(ReadingPublisher.routingKey(batch), batch.batchId().toString(), body);
        return stored;
    }
}
