package io.meterflow.mbus.bench;

import io.meterflow.mbus.codec.Hex;
import io.meterflow.mbus.codec.MbusDecoder;
import io.meterflow.mbus.wireless.WirelessDecoder;
import io.meterflow.model.Telegram;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode throughput, one thread: a wired long frame (an electricity meter, 245 bytes) and
 * an AES-128 encrypted wireless telegram (security mode 5, a water meter). Run it as the module
 * README says; it is not part of the test run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {

    /** libmbus test frame EMU_EMU-Professional-375-M-Bus. */
    static final byte[] WIRED = Hex.decode("68 F4 F4 68 08 00 72 29 26 03 00 B5 15 10 02 02 00 00 00 0C 78 29 26 03 "
            + " 00 84 10 03 54 05 00 00 84 20 03 00 00 00 00 84 90 40 03 AE 1E 00 00 84 "
            + " A0 40 03 00 00 00 00 04 AB FF 01 FE FF FF FF 04 AB FF 02 00 00 00 00 04 "
            + " AB FF 03 00 00 00 00 04 2B FE FF FF FF 84 80 40 AB FF 01 0E 00 00 00 84 "
            + " 80 40 AB FF 02 00 00 00 00 84 80 40 AB FF 03 00 00 00 00 84 80 40 2B 0E "
            + " 00 00 00 02 FD C8 FF 01 D1 08 02 FD C8 FF 02 00 00 02 FD C8 FF 03 00 00 "
            + " 22 FD C8 FF 01 52 07 22 FD C8 FF 02 00 00 22 FD C8 FF 03 00 00 12 FD C8 "
            + " FF 01 6A 09 12 FD C8 FF 02 00 00 12 FD C8 FF 03 00 00 03 FD D9 FF 01 BE "
            + " FF FF 03 FD D9 FF 02 00 00 00 03 FD D9 FF 03 00 00 00 03 FD 59 BE FF FF "
            + " 01 FF E1 FF 01 0D 01 FF E1 FF 02 00 01 FF E1 FF 03 00 02 FF 52 F4 01 02 "
            + " FD 60 38 00 01 FD 17 00 74 16");
    /** wmbusmeters kadenwater test telegram, security mode 5. */
    static final byte[] WIRELESS = Hex.decode("4e448e2c1782221901077ab5004005339341ab7927f9337cd2175b2f0d121d9a56cbf3fcfc"
            + "bf0d8ca57d0c6741a03a666d99467924a6dbf4de305960917afde729ac19d62a789dce1c66a323cc29cd");
    static final byte[] KEY = Hex.decode("82B0551191F51D66EFCDAB8967452301");

    private final MbusDecoder wired = new MbusDecoder();
    private final WirelessDecoder wireless = new WirelessDecoder();

    @Benchmark
    public Telegram wiredLongFrame() {
        return wired.decode(WIRED);
    }

    @Benchmark
    public Telegram wirelessMode5() {
        return wireless.decode(WIRELESS, KEY);
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length == 0 ? new String[] {DecodeBenchmark.class.getName()} : args);
    }
}
