package io.meterflow.bench;

import io.meterflow.model.Frame;
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

/**
 * The baseline for every decoder benchmark: {@link ByteSum} over the very same inputs, method
 * for method with the same name, so that {@link Report} can give each decoder as a ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ByteSumBaseline {

    private Frame[] ciphered;
    private Frame han;
    private Frame hdlc;
    private Frame[] wiredFrames;
    private Frame largest;
    private Frame mode5;
    private Frame unencrypted;
    private Frame readout;
    private Frame p1;
    private int nextCiphered;
    private int nextWired;

    @Setup
    public void load() {
        ciphered = Inputs.dlmsCiphered().toArray(Frame[]::new);
        han = Inputs.dlmsHanList();
        hdlc = Inputs.dlmsSegmentedHdlc();
        wiredFrames = Inputs.mbusWired().toArray(Frame[]::new);
        largest = Inputs.mbusWiredLargest();
        mode5 = Inputs.wmbusMode5();
        unencrypted = Inputs.wmbusUnencrypted();
        readout = Inputs.iecModeD();
        p1 = Inputs.p1Dsmr5();
    }

    @Benchmark
    public long cipheredDataNotification() {
        Frame f = ciphered[nextCiphered];
        nextCiphered = nextCiphered + 1 == ciphered.length ? 0 : nextCiphered + 1;
        return ByteSum.of(f);
    }

    @Benchmark
    public long plainHanList() {
        return ByteSum.of(han);
    }

    @Benchmark
    public long segmentedHdlcPush() {
        return ByteSum.of(hdlc);
    }

    @Benchmark
    public long wiredLongFrames() {
        Frame f = wiredFrames[nextWired];
        nextWired = nextWired + 1 == wiredFrames.length ? 0 : nextWired + 1;
        return ByteSum.of(f);
    }

    @Benchmark
    public long wiredLargestFrame() {
        return ByteSum.of(largest);
    }

    @Benchmark
    public long wirelessMode5() {
        return ByteSum.of(mode5);
    }

    @Benchmark
    public long wirelessUnencrypted() {
        return ByteSum.of(unencrypted);
    }

    @Benchmark
    public long modeDReadout() {
        return ByteSum.of(readout);
    }

    @Benchmark
    public long dsmr5P1Telegram() {
        return ByteSum.of(p1);
    }
}
