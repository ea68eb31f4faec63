package io.meterflow.model;

import java.util.Locale;

/**
 * Who sent a telegram, as the protocol itself names the device. Meterflow maps this identity to
 * its own meter record through {@link #key()}; nothing here is a database id.
 *
 * <p>Optional text fields are stripped, and blank ones count as absent, so that a decoder that
 * found an empty serial does not produce a different key than one that found none. The protocol is
 * lower-cased, the manufacturer and system title upper-cased, as their specifications write them.
 *
 * @param protocol          e.g. {@code mbus}, {@code wmbus}, {@code dlms}, {@code iec62056-21},
 *                          {@code p1}, {@code api}; not blank
 * @param manufacturer      M-Bus/FLAG three-letter manufacturer code, or null
 * @param serial            M-Bus identification number, IEC serial number, ..., or null
 * @param version           M-Bus device version, or null
 * @param medium            medium the device announces, or null
 * @param systemTitle       DLMS/COSEM system title as hex, or null
 * @param logicalDeviceName DLMS/COSEM logical device name, or null
 * @param identification    IEC 62056-21 identification line (after '/'), or null
 */
public record DeviceId(String protocol, String manufacturer, String serial, Integer version,
                       Medium medium, String systemTitle, String logicalDeviceName,
                       String identification) {

    // Checked with loops, not regular expressions: every decoded telegram builds a device id.

    public DeviceId {
        protocol = protocol == null ? null : protocol.strip().toLowerCase(Locale.ROOT);
        if (protocol == null || protocol.isEmpty()) {
            throw new IllegalArgumentException("device protocol must not be blank");
        }
        if (!isProtocolName(protocol)) {
            throw new IllegalArgumentException("device protocol \"" + protocol
                    + "\" may only contain a-z, 0-9, '.', '_' and '-'");
        }
        manufacturer = upper(manufacturer);
        serial = optional(serial);
        systemTitle = upper(systemTitle);
        logicalDeviceName = optional(logicalDeviceName);
        identification = optional(identification);
        if (version != null && version < 0) {
            throw new IllegalArgumentException("device version must not be negative but was " + version);
        }
        if (systemTitle != null && !isHexBytes(systemTitle)) {
            throw new IllegalArgumentException("device system title must be hex digits, two per byte, but was \""
                    + systemTitle + "\"");
        }
        if (serial == null && systemTitle == null && logicalDeviceName == null && identification == null) {
            throw new IllegalArgumentException("device of protocol " + protocol
                    + " needs at least one of serial, systemTitle, logicalDeviceName or identification");
        }
    }

    /** An M-Bus or wireless M-Bus secondary address. */
    public static DeviceId mbus(String protocol, String manufacturer, String serial, Integer version, Medium medium) {
        return new DeviceId(protocol, manufacturer, serial, version, medium, null, null, null);
    }

    /** A DLMS/COSEM device known by its system title. */
    public static DeviceId dlms(String systemTitle) {
        return new DeviceId("dlms", null, null, null, null, systemTitle, null, null);
    }

    /**
     * A stable text identity for lookups. Its format, by the strongest identity present:
     * <pre>
     * &lt;protocol&gt;:st:&lt;SYSTEM TITLE HEX&gt;                      e.g. dlms:st:4D4D4D0000BC614E
     * &lt;protocol&gt;:ldn:&lt;logical device name&gt;                   e.g. dlms:ldn:ISK00012345678
     * &lt;protocol&gt;:&lt;MAN&gt;:&lt;serial&gt;:&lt;version&gt;:&lt;medium code&gt;   e.g. mbus:ABC:12345678:1:water
     * &lt;protocol&gt;:id:&lt;identification&gt;                       e.g. iec62056-21:id:ISK5\2M550T-1013
     * </pre>
     * A system title is globally unique, so it wins over everything else; the M-Bus form spells
     * out the whole secondary address because the serial alone is only unique per manufacturer.
     * Absent parts of the M-Bus form are written as {@code -}. Inside parts, {@code %}, {@code :}
     * and control characters are percent-encoded ({@code %25}, {@code %3A}, ...), so a key always
     * splits back into its parts.
     */
    public String key() {
        StringBuilder key = new StringBuilder(protocol).append(':');
        if (systemTitle != null) {
            return key.append("st:").append(systemTitle).toString();
        }
        if (logicalDeviceName != null) {
            return appendEscaped(key.append("ldn:"), logicalDeviceName).toString();
        }
        if (serial != null) {
            appendEscaped(key, manufacturer == null ? "-" : manufacturer).append(':');
            appendEscaped(key, serial).append(':');
            key.append(version == null ? "-" : version.toString()).append(':');
            return key.append(medium == null ? "-" : medium.code()).toString();
        }
        return appendEscaped(key.append("id:"), identification).toString();
    }

    private static StringBuilder appendEscaped(StringBuilder sb, String part) {
        for (int i = 0; i < part.length(); i++) {
            char ch = part.charAt(i);
            if (ch == '%' || ch == ':' || ch < 0x20 || ch == 0x7F) {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(ch >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(ch & 0xF, 16)));
            } else {
                sb.append(ch);
            }
        }
        return sb;
    }

    private static String optional(String s) {
        if (s == null) {
            return null;
        }
        String stripped = s.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static String upper(String s) {
        String stripped = optional(s);
        return stripped == null ? null : stripped.toUpperCase(Locale.ROOT);
    }

    /** [a-z0-9][a-z0-9._-]*, the protocol names of the FrameDecoder SPI. */
    private static boolean isProtocolName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!alnum && (i == 0 || c != '.' && c != '_' && c != '-')) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** Upper-case hex digits, two per byte. */
    private static boolean isHexBytes(String s) {
        if (s.isEmpty() || s.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
