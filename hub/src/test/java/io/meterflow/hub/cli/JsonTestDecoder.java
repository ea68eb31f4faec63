package io.meterflow.hub.cli;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterflow.model.DecodeException;
import io.meterflow.model.DeviceId;
import io.meterflow.model.Event;
import io.meterflow.model.Frame;
import io.meterflow.model.FrameDecoder;
import io.meterflow.model.KeyRequiredException;
import io.meterflow.model.Medium;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;

/**
 * A protocol for testing the decode path without a real meter protocol: the frame is JSON,
 * {@code {"serial", "key"?, "broken"?, "readings": [{register, value, unit, timestamp?}], "events": [{code, timestamp}]}}.
 * With "key", the frame opens only with that encryption key (like a ciphered push); with
 * "broken", decoding fails at byte 3.
 */
public class JsonTestDecoder implements FrameDecoder {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public String protocol() {
        return "test-json";
    }

    @Override
    public Telegram decode(Frame frame) {
        JsonNode n;
        try {
            n = json.readTree(new String(frame.single(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new DecodeException("not JSON", 0);
        }
        DeviceId device = DeviceId.mbus("test-json", "TST", n.path("serial").asText(), 1, Medium.ELECTRICITY);
        if (n.path("broken").asBoolean()) {
            throw new DecodeException("broken on purpose", 3);
        }
        if (n.hasNonNull("key")) {
            byte[] given = frame.key(Frame.ENCRYPTION_KEY);
            if (given == null) {
                throw new KeyRequiredException("the frame is encrypted and no key was given", device, Frame.ENCRYPTION_KEY, false);
            }
            if (!HexFormat.of().formatHex(given).equalsIgnoreCase(n.get("key").asText())) {
                throw new KeyRequiredException("wrong key: the frame did not decrypt", device, Frame.ENCRYPTION_KEY, true);
            }
        }
        List<Reading> readings = new ArrayList<>();
        for (JsonNode r : n.path("readings")) {
            // Like every decoder, OBIS codes in their full form.
            String register = r.get("register").asText();
            register = io.meterflow.model.ObisCode.isValid(register) ? io.meterflow.model.ObisCode.parse(register).toString() : register;
            readings.add(Reading.of(register, new BigDecimal(r.get("value").asText()),
                    Unit.fromSymbol(r.get("unit").asText()), r.hasNonNull("timestamp") ? Instant.parse(r.get("timestamp").asText()) : null));
        }
        List<Event> events = new ArrayList<>();
        for (JsonNode e : n.path("events")) {
            events.add(new Event(e.get("code").asText(), Instant.parse(e.get("timestamp").asText()), null, Map.of()));
        }
        return new Telegram(protocol(), device, null, readings, events, frame.single());
    }

    public static String deviceKey(String serial) {
        return DeviceId.mbus("test-json", "TST", serial, 1, Medium.ELECTRICITY).key();
    }
}
