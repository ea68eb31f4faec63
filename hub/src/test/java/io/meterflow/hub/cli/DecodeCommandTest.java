package io.meterflow.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The decode command's contract (decode --help): JSON lines in order, failures answered and skipped. */
class DecodeCommandTest {

    private final ObjectMapper json = new ObjectMapper();

    private record Run(int status, List<JsonNode> lines, String text) {
    }

    private Run run(String stdin, String... args) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        DecodeCommand cmd = new DecodeCommand(new Decoders(), out,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int status = new CommandLine(cmd).execute(args);
        String text = buf.toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = new java.util.ArrayList<>();
        if (!args.toString().isEmpty() && !List.of(args).contains("table")) {
            for (String l : text.split("\n")) {
                if (!l.isBlank()) {
                    lines.add(json.readTree(l));
                }
            }
        }
        return new Run(status, lines, text);
    }

    @Test
    void hexArgumentsAreDecodedInOrder() throws Exception {
        Run r = run("", "--protocol", "test-bytesum", "01 02 03", "0a:0b");
        assertThat(r.status()).isZero();
        assertThat(r.lines()).hasSize(2);
        JsonNode t = r.lines().get(0).get("telegram");
        assertThat(r.lines().get(0).get("ok").asBoolean()).isTrue();
        assertThat(t.get("protocol").asText()).isEqualTo("test-bytesum");
        assertThat(t.get("device").get("key").asText()).isEqualTo("mbus:ABC:12345678:1:-");
        assertThat(t.get("readings").get(0).get("value").asText()).isEqualTo("6");
        assertThat(t.get("readings").get(0).get("unit").asText()).isEqualTo("Wh");
        assertThat(r.lines().get(1).get("telegram").get("readings").get(0).get("value").asText()).isEqualTo("21");
    }

    @Test
    void standardInputMixesPlainHexAndJsonCasesAndAFailureNeverStopsTheOthers() throws Exception {
        String in = String.join("\n",
                "0102",
                "ff00",
                "{\"protocol\":\"test-bytesum\",\"hex\":[\"01\",\"0203\"],\"keys\":{\"encryption\":\"00112233445566778899aabbccddeeff\"}}",
                "{not json",
                "",
                "{\"protocol\":\"nope\",\"hex\":\"00\"}",
                "abc",
                "{\"protocol\":\"test-bytesum\"}",
                "05");
        Run r = run(in, "--protocol", "test-bytesum");
        assertThat(r.status()).isEqualTo(1);
        List<JsonNode> l = r.lines();
        assertThat(l).hasSize(8);
        assertThat(l.get(0).get("ok").asBoolean()).isTrue();
        assertThat(l.get(1).get("ok").asBoolean()).isFalse();
        assertThat(l.get(1).get("error").asText()).isEqualTo("part 0 starts with FF at byte 0");
        assertThat(l.get(1).get("offset").asInt()).isZero();
        JsonNode multi = l.get(2).get("telegram").get("readings");
        assertThat(multi).hasSize(3);
        assertThat(multi.get(1).get("value").asText()).isEqualTo("5");
        assertThat(multi.get(2).get("register").asText()).isEqualTo("keylength");
        assertThat(multi.get(2).get("value").asText()).isEqualTo("16");
        assertThat(l.get(3).get("error").asText()).startsWith("the case is not valid JSON");
        assertThat(l.get(3).get("offset").isNull()).isTrue();
        assertThat(l.get(4).get("error").asText()).startsWith("unknown protocol 'nope'").contains("test-bytesum");
        assertThat(l.get(5).get("error").asText()).contains("odd number of hex digits");
        assertThat(l.get(6).get("error").asText()).contains("neither \"hex\" nor \"text\"");
        assertThat(l.get(7).get("telegram").get("readings").get(0).get("value").asText()).isEqualTo("5");
    }

    @Test
    void plainHexWithoutAProtocolIsAnsweredWithWhatIsMissing() throws Exception {
        Run r = run("0102\n");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.lines().get(0).get("error").asText()).startsWith("no protocol");
    }

    @Test
    void theTableFormatIsForPeople() throws Exception {
        Run r = run("", "--protocol", "test-bytesum", "--format", "table", "0102", "ff");
        assertThat(r.text()).contains("#1 test-bytesum  device mbus:ABC:12345678:1:-")
                .contains("sum.0").contains("#2 test-bytesum  ERROR part 0 starts with FF at byte 0");
    }
}
