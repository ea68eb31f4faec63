package io.meterflow.mbus.wireless;

import io.meterflow.mbus.codec.Hex;
import io.meterflow.mbus.codec.MbusCrc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compact-frame layouts Meterflow knows before it has seen a meter's full frame (the table in
 * {@code compact-formats.txt}). Many meters send a full frame only now and then, some (Kamstrup)
 * every few compact frames, some never in a given capture window: with these layouts their compact
 * frames decode from the first telegram received. Each layout is checked against its signature
 * when loaded, so a wrong line fails at startup instead of decoding values into wrong registers.
 */
public final class KnownCompactFormats {

    static final String RESOURCE = "compact-formats.txt";

    private static final Map<Integer, List<byte[]>> LAYOUTS = load(KnownCompactFormats.class.getResourceAsStream(RESOURCE));

    private KnownCompactFormats() {
    }

    /** The layout with this format signature, or null when it is not in the table. */
    public static List<byte[]> layout(int signature) {
        return LAYOUTS.get(signature);
    }

    /** How many layouts the table holds. */
    public static int size() {
        return LAYOUTS.size();
    }

    static Map<Integer, List<byte[]>> load(InputStream in) {
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the classpath");
        }
        Map<Integer, List<byte[]>> out = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                int hash = line.indexOf('#');
                String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (text.isEmpty()) {
                    continue;
                }
                String[] parts = text.split("\\s+");
                int signature = Integer.parseInt(parts[0], 16);
                List<byte[]> layout = new ArrayList<>();
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                for (int i = 1; i < parts.length; i++) {
                    byte[] head = Hex.decode(parts[i]);
                    layout.add(head);
                    all.write(head, 0, head.length);
                }
                byte[] format = all.toByteArray();
                int computed = MbusCrc.crc(format, 0, format.length);
                if (computed != signature) {
                    throw new IllegalStateException(String.format(
                            "%s line %d: the layout's signature is %04X, not %04X", RESOURCE, number, computed, signature));
                }
                out.put(signature, List.copyOf(layout));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(out);
    }
}
