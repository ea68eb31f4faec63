package io.meterflow.mbus.codec;

import io.meterflow.model.DeviceId;
import io.meterflow.model.Medium;

/**
 * The 8-byte M-Bus address: identification number (BCD), manufacturer, version and device type,
 * as it appears in a long transport header or a wireless link header (there with the
 * manufacturer first).
 */
public record SecondaryAddress(String id, String manufacturer, int version, int deviceType) {

    /** Reads the long-header order: ID(4) MAN(2) VER DEV. */
    public static SecondaryAddress fromHeader(byte[] b, int at) {
        return new SecondaryAddress(identification(b, at), manufacturer(b[at + 4], b[at + 5]),
                b[at + 6] & 0xFF, b[at + 7] & 0xFF);
    }

    /** Reads the wireless link-layer order: MAN(2) ID(4) VER DEV. */
    public static SecondaryAddress fromLinkLayer(byte[] b, int at) {
        return new SecondaryAddress(identification(b, at + 2), manufacturer(b[at], b[at + 1]),
                b[at + 6] & 0xFF, b[at + 7] & 0xFF);
    }

    /** The identification number: 8 BCD digits, or hex digits where the meter did not use BCD. */
    static String identification(byte[] b, int at) {
        StringBuilder sb = new StringBuilder(8);
        for (int i = at + 3; i >= at; i--) {
            sb.append(Character.toUpperCase(Character.forDigit((b[i] >> 4) & 0xF, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b[i] & 0xF, 16)));
        }
        return sb.toString();
    }

    /** Three letters from the 15-bit FLAG code (EN 13757-3, 5 bits per letter, 'A' = 1). */
    public static String manufacturer(byte lo, byte hi) {
        int m = (lo & 0xFF) | (hi & 0xFF) << 8;
        char[] c = {(char) (((m >> 10) & 0x1F) + 64), (char) (((m >> 5) & 0x1F) + 64), (char) ((m & 0x1F) + 64)};
        for (char ch : c) {
            if (ch < 'A' || ch > 'Z') {
                return String.format("%04X", m);
            }
        }
        return new String(c);
    }

    public Medium medium() {
        return medium(deviceType);
    }

    /** The device type byte (EN 13757-3 table "Medium") as a canonical medium. */
    public static Medium medium(int deviceType) {
        switch (deviceType) {
            case 0x02: return Medium.ELECTRICITY;
            case 0x03: return Medium.GAS;
            case 0x04: case 0x0C: case 0x0D: return Medium.HEAT;
            case 0x06: case 0x15: return Medium.HOT_WATER;
            case 0x07: case 0x16: case 0x17: case 0x28: return Medium.WATER;
            case 0x08: return Medium.HEAT_COST_ALLOCATOR;
            case 0x0A: case 0x0B: return Medium.COOLING;
            default: return Medium.OTHER;
        }
    }

    public DeviceId toDeviceId(String protocol) {
        return DeviceId.mbus(protocol, manufacturer, id, version, medium());
    }

    /** The wildcard-free text form used in URIs and the scan result: ID MAN VER DEV as 16 hex digits. */
    public String toHex() {
        return String.format("%s%s%02X%02X", id, manufacturerHex(), version, deviceType);
    }

    private String manufacturerHex() {
        if (manufacturer.length() != 3) {
            return manufacturer;
        }
        int m = ((manufacturer.charAt(0) - 64) << 10) | ((manufacturer.charAt(1) - 64) << 5) | (manufacturer.charAt(2) - 64);
        return String.format("%04X", m);
    }
}
