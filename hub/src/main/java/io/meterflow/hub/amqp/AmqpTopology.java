package io.meterflow.hub.amqp;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The exchanges and queues of docs/messages.md, declared when the hub connects. Declaring is
 * idempotent, so every hub instance declares them and none depends on another having started.
 * All are durable; messages are published persistent.
 */
@Configuration
public class AmqpTopology {

    public static final String RAW = "meterflow.raw";
    public static final String DECODE_QUEUE = "meterflow.decode";
    public static final String POLL = "meterflow.poll";
    /** Reading batches as stored, for other systems: the hub publishes here, and binds no queue of its own. */
    public static final String READINGS = "meterflow.readings";
    /** Reading batches to be stored (posted to the REST API, other systems): consumed through {@link #STORE_QUEUE}. */
    public static final String INGEST = "meterflow.ingest";
    public static final String STORE_QUEUE = "meterflow.store";
    public static final String EVENTS = "meterflow.events";
    public static final String EVENTS_QUEUE = "meterflow.store-events";
    public static final String DLX = "meterflow.dlx";
    public static final String DEAD_QUEUE = "meterflow.dead";

    /** Header of a dead-lettered message: why it was set aside. */
    public static final String ERROR_HEADER = "x-meterflow-error";
    /** Header of a dead-lettered message: the route that set it aside (store-readings, decode-frames, ...); also its routing key. */
    public static final String ORIGIN_HEADER = "x-meterflow-origin";

    /**
     * Before this version the storage queue was bound to {@code meterflow.readings}; the decode
     * workers now store readings themselves and publish them there, so that binding would store
     * every batch a second time. Removed at start (declaring never removes a binding).
     */
    @Bean
    public org.springframework.beans.factory.SmartInitializingSingleton oldStoreBindingRemoval(
            org.springframework.amqp.core.AmqpAdmin admin) {
        return () -> {
            try {
                admin.removeBinding(new Binding(STORE_QUEUE, Binding.DestinationType.QUEUE, READINGS, "#", null));
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(AmqpTopology.class).warn(
                        "Could not check for the old binding of {} to {}: {}", STORE_QUEUE, READINGS, e.toString());
            }
        };
    }

    @Bean
    public Declarables meterflowTopology() {
        TopicExchange raw = new TopicExchange(RAW, true, false);
        TopicExchange readings = new TopicExchange(READINGS, true, false);
        TopicExchange ingest = new TopicExchange(INGEST, true, false);
        TopicExchange events = new TopicExchange(EVENTS, true, false);
        TopicExchange dlx = new TopicExchange(DLX, true, false);
        Queue decode = QueueBuilder.durable(DECODE_QUEUE).build();
        Queue poll = QueueBuilder.durable(POLL).build();
        Queue store = QueueBuilder.durable(STORE_QUEUE).build();
        Queue dead = QueueBuilder.durable(DEAD_QUEUE).build();
        Queue storeEvents = QueueBuilder.durable(EVENTS_QUEUE).build();
        Binding decodeAll = BindingBuilder.bind(decode).to(raw).with("#");
        Binding storeAll = BindingBuilder.bind(store).to(ingest).with("#");
        Binding deadAll = BindingBuilder.bind(dead).to(dlx).with("#");
        Binding eventsAll = BindingBuilder.bind(storeEvents).to(events).with("#");
        return new Declarables(raw, readings, ingest, events, dlx, decode, poll, store, dead, storeEvents, decodeAll, storeAll, deadAll,
                eventsAll);
    }
}
