package io.meterflow.dlms.axdr;

import java.util.HexFormat;

/** Hex text for logs, messages and tests. */
public final class Hex {

    private static final HexFormat FORMAT = HexFormat.of().withUpperCase();

    private Hex() {
    }

    public static String of(byte[] bytes) {
        return bytes == null ? "null" : FORMAT.formatHex(bytes);
    }

    public static String of(byte[] bytes, int from, int to) {
        return FORMAT.formatHex(bytes, from, to);
    }

    /** Parses hex, ignoring whitespace, ':' and '-'. */
    public static byte[] parse(String hex) {
        String clean = hex.replaceAll("[\\s:-]", "");
        return HexFormat.of().parseHex(clean);
    }
}
