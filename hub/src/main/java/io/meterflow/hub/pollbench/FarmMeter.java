package io.meterflow.hub.pollbench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.meterflow.dlms.apdu.AttributeDescriptor;
import io.meterflow.dlms.axdr.CosemDateTime;
import io.meterflow.dlms.axdr.DataType;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.axdr.DlmsUnit;
import io.meterflow.dlms.axdr.ScalerUnit;
import io.meterflow.dlms.client.Authentication;
import io.meterflow.dlms.server.CosemObjects;
import io.meterflow.dlms.server.ServerSettings;
import io.meterflow.model.ObisCode;

/**
 * One electricity meter of the farm, made from its number alone, so the farm holds no state per
 * meter: four registers, its clock, its logical device name and a quarter-hour load profile of the
 * last day (96 rows), with keys of its own derived from the run's secret. Its energy counter
 * rises 25 Wh a quarter hour, and the register and the profile agree.
 */
final class FarmMeter {

    /** How the meters are secured; the poller must be told the same through the meter's addressing and keys. */
    enum Security {
        /** No authentication, no ciphering. */
        NONE,
        /** Low-level security: a password per meter. */
        LOW,
        /** High-level security with GMAC and glo-ciphering of every APDU, keys per meter (security suite 0). */
        HLS
    }

    static final ObisCode ENERGY_IMPORT = ObisCode.of(1, 0, 1, 8, 0, 255);
    static final ObisCode ENERGY_EXPORT = ObisCode.of(1, 0, 2, 8, 0, 255);
    static final ObisCode POWER_IMPORT = ObisCode.of(1, 0, 1, 7, 0, 255);
    static final ObisCode VOLTAGE_L1 = ObisCode.of(1, 0, 32, 7, 0, 255);
    static final ObisCode LOAD_PROFILE = ObisCode.of(1, 0, 99, 1, 0, 255);
    static final ObisCode CLOCK = ObisCode.of(0, 0, 1, 0, 0, 255);
    static final ObisCode LOGICAL_DEVICE_NAME = ObisCode.of(0, 0, 42, 0, 0, 255);
    static final List<ObisCode> REGISTERS = List.of(ENERGY_IMPORT, ENERGY_EXPORT, POWER_IMPORT, VOLTAGE_L1);
    static final int PROFILE_PERIOD_S = 900;
    static final int PROFILE_ROWS = 96;

    private FarmMeter() {
    }

    static byte[] systemTitle(int meter) {
        return new byte[] {'M', 'F', 'P', 'B', (byte) (meter >> 24), (byte) (meter >> 16), (byte) (meter >> 8), (byte) meter};
    }

    static String deviceKey(int meter) {
        return "dlms:st:" + HexFormat.of().withUpperCase().formatHex(systemTitle(meter));
    }

    /** The meter's keys by the kind the hub stores them under ({@code /meters/{id}/keys/{kind}}). */
    static Map<String, byte[]> keys(Security security, byte[] secret, int meter) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        switch (security) {
            case LOW -> keys.put("password", HexFormat.of().formatHex(derive(secret, "password", meter), 0, 4)
                    .getBytes(StandardCharsets.US_ASCII));
            case HLS -> {
                keys.put("encryption", derive(secret, "encryption", meter));
                keys.put("authentication", derive(secret, "authentication", meter));
            }
            default -> {
            }
        }
        return keys;
    }

    /** The meter's addressing, as the hub's DLMS poller reads it. */
    static Map<String, Object> addressing(Security security) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("transport", "wrapper");
        // The public client for an unsecured read, the management client otherwise, as on most meters.
        a.put("clientAddress", security == Security.NONE ? 16 : 1);
        a.put("serverAddress", 1);
        a.put("authentication", switch (security) {
            case NONE -> "none";
            case LOW -> "low";
            case HLS -> "high-gmac";
        });
        a.put("ciphered", security == Security.HLS);
        return a;
    }

    static ServerSettings settings(Security security, byte[] secret, int meter) {
        Map<String, byte[]> keys = keys(security, secret, meter);
        return switch (security) {
            case NONE -> new ServerSettings(Authentication.NONE, null, false, systemTitle(meter), null, null, 0xFFFF);
            case LOW -> new ServerSettings(Authentication.LOW, keys.get("password"), false, systemTitle(meter), null, null, 0xFFFF);
            case HLS -> new ServerSettings(Authentication.HIGH_GMAC, null, true, systemTitle(meter), keys.get("encryption"),
                    keys.get("authentication"), 0xFFFF);
        };
    }

    /** The meter's objects as they are at {@code now}: made for each session, so every read sees the meter move on. */
    static CosemObjects objects(int meter, Instant now) {
        CosemObjects o = new CosemObjects(Clock.systemUTC(), 0);
        o.register(ENERGY_IMPORT, DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, energy(meter, now.getEpochSecond())),
                new ScalerUnit(0, DlmsUnit.WATT_HOUR));
        o.register(ENERGY_EXPORT, DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, 1000L + meter % 1000),
                new ScalerUnit(0, DlmsUnit.WATT_HOUR));
        o.register(POWER_IMPORT, DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, 100L + meter % 900),
                new ScalerUnit(0, DlmsUnit.WATT));
        o.register(VOLTAGE_L1, DlmsData.integer(DataType.LONG_UNSIGNED, 2290 + meter % 30), new ScalerUnit(-1, DlmsUnit.VOLT));
        o.data(LOGICAL_DEVICE_NAME, DlmsData.octets(logicalDeviceName(meter)));
        long last = now.getEpochSecond() / PROFILE_PERIOD_S * PROFILE_PERIOD_S;
        List<List<DlmsData>> rows = new ArrayList<>(PROFILE_ROWS);
        for (int k = PROFILE_ROWS - 1; k >= 0; k--) {
            long t = last - (long) PROFILE_PERIOD_S * k;
            rows.add(List.of(DlmsData.dateTime(CosemDateTime.of(Instant.ofEpochSecond(t).atOffset(ZoneOffset.UTC))),
                    DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, energy(meter, t))));
        }
        o.profile(LOAD_PROFILE, List.of(AttributeDescriptor.of(8, CLOCK, 2), AttributeDescriptor.of(3, ENERGY_IMPORT, 2)),
                PROFILE_PERIOD_S, rows);
        return o;
    }

    /** MFP and the meter's number in 13 digits (String.format was a tenth of the farm's CPU). */
    static byte[] logicalDeviceName(int meter) {
        String number = Integer.toString(meter);
        return ("MFP" + "0".repeat(Math.max(0, 13 - number.length())) + number).getBytes(StandardCharsets.US_ASCII);
    }

    /** The import counter in Wh at a time: a start of its own per meter, then 25 Wh a quarter hour. */
    static long energy(int meter, long epochSecond) {
        return 1_000_000L + 10_000L * meter + epochSecond / PROFILE_PERIOD_S * 25;
    }

    private static byte[] derive(byte[] secret, String kind, int meter) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(secret);
            sha.update(kind.getBytes(StandardCharsets.US_ASCII));
            sha.update(new byte[] {(byte) (meter >> 24), (byte) (meter >> 16), (byte) (meter >> 8), (byte) meter});
            return Arrays.copyOf(sha.digest(), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
