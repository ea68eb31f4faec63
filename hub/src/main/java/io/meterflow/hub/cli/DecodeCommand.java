package io.meterflow.hub.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Frame;
import io.meterflow.model.FrameDecoder;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meterflow decode}: frames in, telegrams out, for a person looking at a capture and for
 * scripts. Starts no server, database or broker. Each case is answered on its own line, in
 * order; a case that fails never stops the others. Exit status 0 when every case decoded, 1 when
 * any failed, 2 for bad usage.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decode meter frames into telegrams.",
                "With HEX arguments, decodes those (one frame each). Without, reads standard input, one case per line:",
                "plain hex (needs --protocol) or a JSON object:",
                "  {\"protocol\": \"mbus|wmbus|dlms|iec62056-21|p1\", \"hex\": \"...\" or [\"...\", ...], \"text\": \"...\",",
                "   \"keys\": {\"encryption\": \"HEX\", \"authentication\": \"HEX\"}}",
                "Writes one JSON line per case: {\"ok\": true, \"telegram\": {...}} or {\"ok\": false, \"error\": \"...\", \"offset\": N}."})
public class DecodeCommand implements Callable<Integer> {

    @Option(names = "--protocol", paramLabel = "P", description = "Protocol of plain-hex cases: ${COMPLETION-CANDIDATES}")
    String protocol;

    @Option(names = "--key", paramLabel = "HEX", description = "Encryption key for cases that give none")
    String key;

    @Option(names = "--auth-key", paramLabel = "HEX", description = "Authentication key for cases that give none")
    String authKey;

    @Option(names = "--format", paramLabel = "F", defaultValue = "json", description = "json (one line per case, the default) or table")
    String format;

    @Parameters(paramLabel = "HEX", arity = "0..*", description = "Frames as hex; spaces, colons and dashes inside are ignored")
    List<String> frames = new ArrayList<>();

    private final ObjectMapper json = new ObjectMapper();
    private final Decoders decoders;
    private final PrintStream out;
    private final java.io.InputStream in;

    public DecodeCommand() {
        this(new Decoders(), System.out, System.in);
    }

    DecodeCommand(Decoders decoders, PrintStream out, java.io.InputStream in) {
        this.decoders = decoders;
        this.out = out;
        this.in = in;
    }

    @Override
    public Integer call() throws Exception {
        if (!format.equals("json") && !format.equals("table")) {
            System.err.println("decode: --format must be json or table");
            return 2;
        }
        boolean allOk = true;
        int n = 0;
        if (!frames.isEmpty()) {
            for (String hex : frames) {
                allOk &= answer(++n, hex);
            }
        } else {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                allOk &= answer(++n, line.trim());
            }
        }
        out.flush();
        return allOk ? 0 : 1;
    }

    private boolean answer(int n, String line) {
        String proto = protocol;
        Telegram telegram;
        try {
            Frame frame;
            if (line.startsWith("{")) {
                JsonNode c = json.readTree(line);
                proto = c.hasNonNull("protocol") ? c.get("protocol").asText() : protocol;
                frame = frame(c);
            } else {
                frame = new Frame(List.of(hex(line, "the frame")), null, defaultKeys(), Instant.now());
            }
            FrameDecoder decoder = decoder(proto);
            telegram = decoder.decode(frame);
        } catch (DecodeException e) {
            print(n, proto, null, e.getMessage(), e.offset());
            return false;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            print(n, proto, null, "the case is not valid JSON: " + e.getOriginalMessage(), null);
            return false;
        } catch (RuntimeException e) {
            // A decoder bug must not stop the other cases; say what it was.
            print(n, proto, null, "internal error: " + e, null);
            return false;
        }
        print(n, proto, telegram, null, null);
        return true;
    }

    private FrameDecoder decoder(String proto) {
        if (proto == null) {
            throw new DecodeException("no protocol: give --protocol, or \"protocol\" in a JSON case; known: " + decoders.protocols());
        }
        FrameDecoder d = decoders.get(proto);
        if (d == null) {
            throw new DecodeException("unknown protocol '" + proto + "'; known: " + decoders.protocols());
        }
        return d;
    }

    private Frame frame(JsonNode c) {
        List<byte[]> parts = new ArrayList<>();
        JsonNode h = c.get("hex");
        if (h != null && h.isArray()) {
            for (int i = 0; i < h.size(); i++) {
                parts.add(hex(h.get(i).asText(), "hex[" + i + "]"));
            }
        } else if (h != null && h.isTextual()) {
            parts.add(hex(h.asText(), "hex"));
        }
        String text = c.hasNonNull("text") ? c.get("text").asText() : null;
        if (parts.isEmpty() && text == null) {
            throw new DecodeException("the case has neither \"hex\" nor \"text\"");
        }
        Map<String, byte[]> keys = defaultKeys();
        JsonNode k = c.get("keys");
        if (k != null && k.isObject()) {
            k.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    keys.put(e.getKey(), hex(e.getValue().asText(), "keys." + e.getKey()));
                }
            });
        }
        return new Frame(parts, text, keys, Instant.now());
    }

    private Map<String, byte[]> defaultKeys() {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        if (key != null) {
            keys.put(Frame.ENCRYPTION_KEY, hex(key, "--key"));
        }
        if (authKey != null) {
            keys.put(Frame.AUTHENTICATION_KEY, hex(authKey, "--auth-key"));
        }
        return keys;
    }

    static byte[] hex(String s, String what) {
        String clean = s.replaceAll("[\\s:_-]", "");
        if (clean.startsWith("0x") || clean.startsWith("0X")) {
            clean = clean.substring(2);
        }
        if (clean.length() % 2 != 0) {
            throw new DecodeException(what + " has an odd number of hex digits (" + clean.length() + ")");
        }
        try {
            return HexFormat.of().parseHex(clean);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(what + " is not hex: " + e.getMessage());
        }
    }

    private void print(int n, String proto, Telegram t, String error, Integer offset) {
        if (format.equals("table")) {
            printTable(n, proto, t, error, offset);
            return;
        }
        ObjectNode o = json.createObjectNode();
        o.put("ok", t != null);
        if (t != null) {
            o.set("telegram", TelegramJson.of(json, t));
        } else {
            o.put("error", error);
            if (offset == null) {
                o.putNull("offset");
            } else {
                o.put("offset", offset);
            }
        }
        out.println(o.toString());
    }

    private void printTable(int n, String proto, Telegram t, String error, Integer offset) {
        if (t == null) {
            out.printf("#%d %s  ERROR %s%n%n", n, proto == null ? "?" : proto, error);
            return;
        }
        out.printf("#%d %s  device %s  meter time %s%n", n, t.protocol(), t.device() == null ? "-" : t.device().key(),
                t.meterTime() == null ? "-" : t.meterTime());
        out.printf("  %-34s %22s %-6s %-22s %s%n", "register", "value", "unit", "timestamp", "description");
        for (Reading r : t.readings()) {
            out.printf("  %-34s %22s %-6s %-22s %s%s%n", r.register(), r.value().toPlainString(), r.unit().symbol(),
                    r.timestamp() == null ? "-" : r.timestamp(), r.description() == null ? "" : r.description(),
                    r.quality().isEmpty() ? "" : " " + r.quality());
        }
        t.events().forEach(e -> out.printf("  event %s at %s %s%n", e.code(), e.timestamp(), e.description() == null ? "" : e.description()));
        out.println();
    }
}
