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

/** Text readouts through the {@code iec62056-21} and {@code p1} {@link FrameDecoder}s, one thread. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class Iec62056DecodeBenchmark {

    private FrameDecoder readoutDecoder;
    private FrameDecoder p1Decoder;
    private Frame readout;
    private Frame p1;

    @Setup
    public void load() {
        readoutDecoder = Decoders.forProtocol("iec62056-21");
        p1Decoder = Decoders.forProtocol("p1");
        readout = Inputs.iecModeD();
        p1 = Inputs.p1Dsmr5();
        Inputs.check(readoutDecoder, readout, "IEC 62056-21 mode D readout");
        Inputs.check(p1Decoder, p1, "DSMR 5 P1 telegram");
    }

    /** Landis+Gyr E360 mode D readout: 27 data sets, CRC16 checked. */
    @Benchmark
    public Telegram modeDReadout() {
        return readoutDecoder.decode(readout);
    }

    /** DSMR 5 P1 telegram: 36 data sets and an M-Bus gas meter, CRC16 checked. */
    @Benchmark
    public Telegram dsmr5P1Telegram() {
        return p1Decoder.decode(p1);
    }
}
