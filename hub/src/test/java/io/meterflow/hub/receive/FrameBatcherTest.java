package io.meterflow.hub.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.meterflow.hub.amqp.RawFrames;
import org.junit.jupiter.api.Test;

class FrameBatcherTest {

    /** Records the batches it is given; fails the first {@code failures} of them as a broker away would. */
    private static final class Recording extends RawFrames {
        final List<List<Raw>> published = new CopyOnWriteArrayList<>();
        final AtomicInteger failures;

        Recording(int failures) {
            super(null);
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public void publish(List<Raw> frames) {
            if (failures.getAndDecrement() > 0) {
                throw new org.springframework.amqp.AmqpIOException(new java.io.IOException("broker away"));
            }
            published.add(List.copyOf(frames));
        }
    }

    private static RawFrames.Raw frame(int i) {
        return new RawFrames.Raw("dlms", "udp", "meter " + i, Instant.now(), null, null, null, new byte[] {(byte) i});
    }

    @Test
    void fullBatchesGoAtOnceAndTheRestAfterTheDelay() throws Exception {
        Recording raw = new Recording(0);
        FrameBatcher batcher = new FrameBatcher(raw, 200, Duration.ofMillis(50), Duration.ofMillis(10), 2, 10_000);
        List<CompletableFuture<Void>> confirmed = new java.util.ArrayList<>();
        for (int i = 0; i < 450; i++) {
            confirmed.add(batcher.add(frame(i)));
        }
        CompletableFuture.allOf(confirmed.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        assertThat(raw.published).extracting(List::size).containsExactlyInAnyOrder(200, 200, 50);
        assertThat(raw.published.stream().mapToInt(List::size).sum()).isEqualTo(450);
        batcher.close();
    }

    @Test
    void aFrameWhoseSenderWaitsHasItsBatchGoWithinTheShorterDelay() throws Exception {
        Recording raw = new Recording(0);
        FrameBatcher batcher = new FrameBatcher(raw, 1000, Duration.ofSeconds(60), Duration.ofMillis(20), 1, 10_000);
        CompletableFuture<Void> pushed = batcher.add(frame(1), false);
        Thread.sleep(300);
        assertThat(pushed).isNotDone();
        CompletableFuture<Void> waited = batcher.add(frame(2), true);
        waited.get(5, TimeUnit.SECONDS);
        // the push that was waiting for its batch goes with it, in one batch
        assertThat(pushed).isCompleted();
        assertThat(raw.published).hasSize(1);
        assertThat(raw.published.get(0)).extracting(RawFrames.Raw::source).containsExactly("meter 1", "meter 2");
        // a new batch of pushes waits for the long delay again
        CompletableFuture<Void> next = batcher.add(frame(3), false);
        Thread.sleep(300);
        assertThat(next).isNotDone();
        batcher.close();
        assertThat(next).isCompleted();
    }

    @Test
    void aBatchTheBrokerRefusesIsTriedAgainUntilItIsTaken() throws Exception {
        Recording raw = new Recording(2);
        FrameBatcher batcher = new FrameBatcher(raw, 10, Duration.ofMillis(5), Duration.ofMillis(5), 1, 100);
        CompletableFuture<Void> one = batcher.add(frame(1));
        one.get(10, TimeUnit.SECONDS);
        assertThat(raw.published).hasSize(1);
        assertThat(raw.published.get(0).get(0).source()).isEqualTo("meter 1");
        batcher.close();
    }

    @Test
    void whatIsOpenAtACleanStopIsPublished() throws Exception {
        Recording raw = new Recording(0);
        FrameBatcher batcher = new FrameBatcher(raw, 200, Duration.ofSeconds(60), Duration.ofSeconds(60), 1, 1000);
        CompletableFuture<Void> waiting = batcher.add(frame(5));
        assertThat(waiting).isNotDone();
        batcher.close();
        assertThat(waiting).isCompleted();
        assertThat(raw.published).hasSize(1);
    }
}
