package io.meterflow.dlms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterflow.dlms.TestData;
import io.meterflow.dlms.axdr.Hex;
import io.meterflow.dlms.push.DlmsPushDecoder;
import io.meterflow.model.Frame;
import io.meterflow.model.Telegram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Push decode throughput, one thread: the ciphered UDP pushes of the conformance set (wrapper,
 * general-glo-ciphering, AES-128-GCM with tag check, data-notification), a plain HAN list
 * (Aidon list 3) and a segmented HDLC push with block transfer (Iskra AM550).
 * Not part of the test run; see the module README for the command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PushDecodeBenchmark {

    private final DlmsPushDecoder decoder = new DlmsPushDecoder();
    private final List<Frame> ciphered = new ArrayList<>();
    private Frame han;
    private Frame hdlc;
    private int next;

    @Setup
    public void load() {
        byte[] key = "MYDUMMYGLOBALKEY".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (JsonNode r : TestData.dlms("dlms-cosem.jsonl")) {
            if ("udp_wrapper".equals(r.get("transport").asText())) {
                ciphered.add(new Frame(List.of(Hex.parse(r.get("input_hex").asText())), null,
                        Map.of(Frame.ENCRYPTION_KEY, key, Frame.AUTHENTICATION_KEY, key), Instant.EPOCH));
            }
        }
        for (JsonNode r : TestData.dlms("amshan.jsonl")) {
            if (r.get("id").asText().equals("amshan-aidon-no_list_3")) {
                han = Frame.of(Hex.parse(r.get("input_hex").asText()));
            }
        }
        for (JsonNode r : TestData.dlms("smartmeter-datacollector.jsonl")) {
            if (r.get("id").asText().equals("smdc-iskra_am550-unencrypted_valid_data")) {
                List<byte[]> parts = new ArrayList<>();
                r.get("hdlc_frames_hex").forEach(h -> parts.add(Hex.parse(h.asText())));
                hdlc = new Frame(parts, null, Map.of(), Instant.EPOCH);
            }
        }
    }

    @Benchmark
    public Telegram cipheredUdpPush() {
        Frame f = ciphered.get(next);
        next = (next + 1) % ciphered.size();
        return decoder.decode(f).telegram();
    }

    @Benchmark
    public Telegram plainHanList() {
        return decoder.decode(han).telegram();
    }

    @Benchmark
    public Telegram segmentedHdlcPush() {
        return decoder.decode(hdlc).telegram();
    }
}
