package io.meterflow.iec62056.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterflow.iec62056.TestData;
import io.meterflow.iec62056.p1.P1Decoder;
import io.meterflow.iec62056.readout.Bcc;
import io.meterflow.iec62056.readout.ReadoutDecoder;
import io.meterflow.model.Telegram;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding speed of a mode C readout with BCC (the Landis+Gyr E360 data of the conformance set,
 * 27 data sets) and of a DSMR 5 P1 telegram with CRC16 (36 data sets, M-Bus gas meter). Not part
 * of the test run; the command is in the module README.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {

    private String readout;
    private String telegram;
    private final ReadoutDecoder readoutDecoder = new ReadoutDecoder();
    private final P1Decoder p1Decoder = new P1Decoder();

    @Setup
    public void load() {
        JsonNode e360 = TestData.records("amshan.jsonl").get(0);
        String text = e360.get("input_text").asText();
        String data = text.substring(text.indexOf("0-0:1.0.0"), text.indexOf('!')) + "!\r\n" + (char) Bcc.ETX;
        readout = "/LGF5E360\r\n" + (char) Bcc.STX + data + (char) Bcc.compute(data, 0, data.length());
        telegram = TestData.records("dsmr_parser.jsonl").stream()
                .filter(c -> c.get("id").asText().equals("dsmr-v5")).findFirst().orElseThrow()
                .get("input_text").asText();
    }

    @Benchmark
    public Telegram modeCReadout() {
        return readoutDecoder.decode(readout);
    }

    @Benchmark
    public Telegram dsmr5Telegram() {
        return p1Decoder.decode(telegram);
    }
}
