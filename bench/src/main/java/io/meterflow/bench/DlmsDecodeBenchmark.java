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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DLMS/COSEM push decoding through the {@code dlms} {@link FrameDecoder}, one thread.
 * The decoder has no invocation-counter store, so no replay check: every pass over the same
 * ciphered frames is accepted, and the figure is decoding alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DlmsDecodeBenchmark {

    private FrameDecoder decoder;
    private Frame[] ciphered;
    private Frame han;
    private Frame hdlc;
    private int next;

    @Setup
    public void load() {
        decoder = Decoders.forProtocol("dlms");
        List<Frame> frames = Inputs.dlmsCiphered();
        ciphered = frames.toArray(Frame[]::new);
        han = Inputs.dlmsHanList();
        hdlc = Inputs.dlmsSegmentedHdlc();
        for (int i = 0; i < ciphered.length; i++) {
            // Their notification body is one octet-string the meter defines, so a telegram may hold
            // no numeric reading; what matters is that decryption, tag check and parsing succeed.
            Inputs.decode(decoder, ciphered[i], "dlms ciphered frame " + i);
        }
        Inputs.check(decoder, han, "dlms HAN list");
        Inputs.check(decoder, hdlc, "dlms segmented HDLC push");
    }

    /** UDP wrapper, general-glo-ciphering, AES-128-GCM decryption and tag check, data-notification; cycles through the 9 frames. */
    @Benchmark
    public Telegram cipheredDataNotification() {
        Frame f = ciphered[next];
        next = next + 1 == ciphered.length ? 0 : next + 1;
        return decoder.decode(f);
    }

    /** LLC header and a plain data-notification (Aidon list 3). */
    @Benchmark
    public Telegram plainHanList() {
        return decoder.decode(han);
    }

    /** Two segmented HDLC frames reassembled into one push, values named by the meter's push layout (Iskra AM550). */
    @Benchmark
    public Telegram segmentedHdlcPush() {
        return decoder.decode(hdlc);
    }
}
