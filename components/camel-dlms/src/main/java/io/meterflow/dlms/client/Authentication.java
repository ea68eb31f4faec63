package io.meterflow.dlms.client;

/** Association authentication (IEC 62056-5-3): mechanism ids 0, 1 and 5. */
public enum Authentication {
    NONE(0),
    /** Low level security: a password in the AARQ. */
    LOW(1),
    /** High level security with GMAC (mechanism 5), challenge and response. */
    HIGH_GMAC(5);

    private final int mechanism;

    Authentication(int mechanism) {
        this.mechanism = mechanism;
    }

    public int mechanism() {
        return mechanism;
    }

    /** Reads {@code none}, {@code low}, {@code high}/{@code hls}/{@code high-gmac}. */
    public static Authentication parse(String s) {
        return switch (s.strip().toLowerCase()) {
            case "none", "" -> NONE;
            case "low", "lls" -> LOW;
            case "high", "hls", "high-gmac", "high_gmac", "gmac" -> HIGH_GMAC;
            default -> throw new IllegalArgumentException("unknown authentication " + s + " (none, low, high-gmac)");
        };
    }
}
