package io.meterflow.hub.receive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.meterflow.hub.amqp.RawFrames;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Gathers the frames the receivers take in into batches, and publishes each batch to
 * {@code meterflow.raw} as few messages under one confirm ({@link RawFrames#publish}). A batch
 * goes when it holds {@code meterflow.receivers.batch-frames} frames or its first frame has
 * waited {@code meterflow.receivers.batch-delay}, whichever comes first: under load, the broker,
 * the decode workers and the database then handle hundreds of frames per step instead of one; a
 * lone push waits at most the delay. A frame whose sender waits for an acknowledgement (an MQTT
 * message, an HDLC push) has its batch go within {@code meterflow.receivers.acknowledged-batch-delay}
 * instead, shorter: such a sender sends its next frame only then, so the delay bounds its rate.
 * (A decode transaction of 500 frames spent a quarter less of the database per reading than one
 * of 100; docs/performance.md.)
 *
 * <p>{@link #add} returns at once with a future that completes when the broker confirmed the
 * frame's batch. Receivers whose sender expects an acknowledgement wait for it; pushes that have
 * none (DLMS over UDP and TCP) do not, so the receiving thread reads on. At most
 * {@code meterflow.receivers.queue} frames wait for the broker; beyond that {@link #add} blocks,
 * and the socket buffers fill, as they would with a slow receiver. A batch the broker does not
 * take is tried again with growing pauses for a minute before its frames are given up, with an
 * error in the log that says how many.
 */
@Component
public class FrameBatcher {

    private static final Logger log = LoggerFactory.getLogger(FrameBatcher.class);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(1);

    private record Pending(RawFrames.Raw frame, CompletableFuture<Void> confirmed) {
    }

    private final RawFrames raw;
    private final int batchFrames;
    private final long delayNanos;
    private final long acknowledgedDelayNanos;
    private final ExecutorService publishers;
    private final ScheduledExecutorService timer;
    private final Semaphore room;
    private final AtomicInteger threadNumber = new AtomicInteger();

    private List<Pending> open = new ArrayList<>();
    private long generation;
    /** Whether the open batch already has its earlier flush for a waiting sender. */
    private boolean hurried;
    private volatile boolean closed;

    public FrameBatcher(RawFrames raw,
                        @Value("${meterflow.receivers.batch-frames:1000}") int batchFrames,
                        @Value("${meterflow.receivers.batch-delay:50ms}") Duration batchDelay,
                        @Value("${meterflow.receivers.acknowledged-batch-delay:10ms}") Duration acknowledgedDelay,
                        @Value("${meterflow.receivers.workers:4}") int workers,
                        @Value("${meterflow.receivers.queue:10000}") int queue) {
        if (batchFrames < 1 || batchFrames > RawFrames.MAX_BATCH) {
            throw new IllegalArgumentException("meterflow.receivers.batch-frames must be 1.." + RawFrames.MAX_BATCH + ", was " + batchFrames);
        }
        this.raw = raw;
        this.batchFrames = batchFrames;
        this.delayNanos = Math.max(0, batchDelay.toNanos());
        this.acknowledgedDelayNanos = Math.min(delayNanos, Math.max(0, acknowledgedDelay.toNanos()));
        this.publishers = Executors.newFixedThreadPool(Math.max(1, workers), r -> daemon(r, "receiver-publish-"));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "receiver-batch-timer-"));
        this.room = new Semaphore(Math.max(batchFrames, queue));
    }

    private Thread daemon(Runnable r, String prefix) {
        Thread t = new Thread(r, prefix + threadNumber.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    /**
     * Queues one frame; the future completes when the broker confirmed it, or fails if it could
     * not be published. {@code senderWaits}: the sender waits for the acknowledgement that the
     * caller gives on the confirm, so the batch goes within the shorter delay.
     */
    public CompletableFuture<Void> add(RawFrames.Raw frame, boolean senderWaits) {
        Pending p = new Pending(frame, new CompletableFuture<>());
        room.acquireUninterruptibly();
        if (closed) {
            dispatch(List.of(p));
            return p.confirmed;
        }
        List<Pending> full = null;
        synchronized (this) {
            open.add(p);
            long wait = senderWaits ? acknowledgedDelayNanos : delayNanos;
            if (open.size() >= batchFrames || wait == 0) {
                full = take();
            } else if (open.size() == 1 || (senderWaits && !hurried && wait < delayNanos)) {
                long mine = generation;
                hurried |= senderWaits;
                timer.schedule(() -> flush(mine), wait, TimeUnit.NANOSECONDS);
            }
        }
        if (full != null) {
            dispatch(full);
        }
        return p.confirmed;
    }

    /** A frame whose sender does not wait for it: see {@link #add(RawFrames.Raw, boolean)}. */
    public CompletableFuture<Void> add(RawFrames.Raw frame) {
        return add(frame, false);
    }

    /** The open batch, if it is still the one of {@code gen}. */
    private void flush(long gen) {
        List<Pending> due;
        synchronized (this) {
            if (gen != generation || open.isEmpty()) {
                return;
            }
            due = take();
        }
        dispatch(due);
    }

    private List<Pending> take() {
        List<Pending> batch = open;
        open = new ArrayList<>(Math.min(batchFrames, 256));
        generation++;
        hurried = false;
        return batch;
    }

    private void dispatch(List<Pending> batch) {
        try {
            publishers.execute(() -> publish(batch));
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            publish(batch);
        }
    }

    private void publish(List<Pending> batch) {
        List<RawFrames.Raw> frames = new ArrayList<>(batch.size());
        batch.forEach(p -> frames.add(p.frame));
        long giveUp = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        long pause = 250;
        try {
            while (true) {
                try {
                    raw.publish(frames);
                    batch.forEach(p -> p.confirmed.complete(null));
                    return;
                } catch (RuntimeException e) {
                    if (System.nanoTime() > giveUp || closed) {
                        log.error("Gave up publishing {} received frames to meterflow.raw: {}", frames.size(), e.toString());
                        batch.forEach(p -> p.confirmed.completeExceptionally(e));
                        return;
                    }
                    log.warn("Publishing {} received frames failed, trying again in {} ms: {}", frames.size(), pause, e.toString());
                    try {
                        Thread.sleep(pause);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        batch.forEach(p -> p.confirmed.completeExceptionally(interrupted));
                        return;
                    }
                    pause = Math.min(pause * 2, 8000);
                }
            }
        } finally {
            room.release(batch.size());
        }
    }

    /** Publishes what is still open and waits for the batches on their way, so a clean stop loses nothing received. */
    @PreDestroy
    public void close() throws InterruptedException {
        List<Pending> rest;
        synchronized (this) {
            closed = true;
            rest = take();
        }
        if (!rest.isEmpty()) {
            dispatch(rest);
        }
        timer.shutdownNow();
        publishers.shutdown();
        if (!publishers.awaitTermination(30, TimeUnit.SECONDS)) {
            log.warn("Stopped with received frames not yet confirmed by the broker");
        }
    }
}
