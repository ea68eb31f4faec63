package io.meterflow.bench;

import io.meterflow.model.Frame;
import io.meterflow.model.FrameDecoder;
import io.meterflow.model.Telegram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** Wired and wireless M-Bus decoding through the {@code mbus} and {@code wmbus} {@link FrameDecoder}s, one thread. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MbusDecodeBenchmark {

    private FrameDecoder wired;
    private FrameDecoder wireless;
    private Frame[] wiredFrames;
    private Frame largest;
    private Frame mode5;
    private Frame unencrypted;
    private int next;

    @Setup
    public void load() {
        wired = Decoders.forProtocol("mbus");
        wireless = Decoders.forProtocol("wmbus");
        wiredFrames = Inputs.mbusWired().toArray(Frame[]::new);
        largest = Inputs.mbusWiredLargest();
        mode5 = Inputs.wmbusMode5();
        unencrypted = Inputs.wmbusUnencrypted();
        for (int i = 0; i < wiredFrames.length; i++) {
            // a few test frames carry no data record at all; they still count as frames decoded
            Inputs.decode(wired, wiredFrames[i], "libmbus test frame " + i);
        }
        Inputs.check(wired, largest, "largest libmbus test frame");
        Inputs.check(wireless, mode5, "wireless mode 5 telegram");
        Inputs.check(wireless, unencrypted, "wireless unencrypted telegram");
    }

    /** Long frames of many makes (libmbus test frames), one after the other. */
    @Benchmark
    public Telegram wiredLongFrames() {
        Frame f = wiredFrames[next];
        next = next + 1 == wiredFrames.length ? 0 : next + 1;
        return wired.decode(f);
    }

    /** The largest of those frames, alone. */
    @Benchmark
    public Telegram wiredLargestFrame() {
        return wired.decode(largest);
    }

    /** Wireless, AES-128-CBC security mode 5, with the meter key (kadenwater). */
    @Benchmark
    public Telegram wirelessMode5() {
        return wireless.decode(mode5);
    }

    /** Wireless, not encrypted (kamheat). */
    @Benchmark
    public Telegram wirelessUnencrypted() {
        return wireless.decode(unencrypted);
    }
}
