package io.meterflow.iec62056.readout;

import io.meterflow.model.ObisCode;

/**
 * Turns a data-set address into an OBIS code, completing what the meter left out.
 *
 * <p>Readouts write OBIS codes in full ({@code 1-0:1.8.0}, {@code 1-0:1.8.0*255}), reduced
 * ({@code 1.8.0}, {@code 1.8.0*1}, {@code C.1.0}, {@code F.F}) or as manufacturer codes. A reduced
 * code gets A from the meter's medium and B from the configured channel; a missing E is 0 and a
 * missing F is 255. The IEC letters C, F, L and P stand for 96..99 in value groups C and D (the
 * standard names them for C only, but {@code F.F} for the error register is universal).
 * {@code &F} is read like {@code *F}, as some meters mark billing periods that way.
 */
public final class ObisAddress {

    private ObisAddress() {
    }

    /** The OBIS code of an address, or null if the address is not an OBIS code. */
    public static ObisCode parse(String address, int defaultA, int defaultB) {
        String s = address;
        int a = defaultA;
        int b = defaultB;
        int dash = s.indexOf('-');
        int colon = s.indexOf(':');
        if (dash >= 0) {
            if (colon < dash) {
                return null;
            }
            a = number(s, 0, dash);
            b = number(s, dash + 1, colon);
            s = s.substring(colon + 1);
        } else if (colon >= 0) {
            b = number(s, 0, colon);
            s = s.substring(colon + 1);
        }
        if (a < 0 || b < 0) {
            return null;
        }
        int f = 255;
        int star = Math.max(s.indexOf('*'), s.indexOf('&'));
        if (star >= 0) {
            f = number(s, star + 1, s.length());
            if (f < 0) {
                return null;
            }
            s = s.substring(0, star);
        }
        String[] groups = s.split("\\.", -1);
        if (groups.length < 2 || groups.length > 4 || (groups.length == 4 && star >= 0)) {
            return null;
        }
        int c = group(groups[0], true);
        int d = group(groups[1], true);
        int e = groups.length > 2 ? group(groups[2], false) : 0;
        if (groups.length == 4) {
            f = group(groups[3], false);
        }
        if (c < 0 || d < 0 || e < 0 || f < 0) {
            return null;
        }
        return ObisCode.of(a, b, c, d, e, f);
    }

    private static int group(String g, boolean letters) {
        if (letters && g.length() == 1) {
            switch (Character.toUpperCase(g.charAt(0))) {
                case 'C': return 96;
                case 'F': return 97;
                case 'L': return 98;
                case 'P': return 99;
                default: break;
            }
        }
        return number(g, 0, g.length());
    }

    /** 1..3 decimal digits with a value of at most 255, else -1. */
    private static int number(String s, int from, int to) {
        if (to - from < 1 || to - from > 3 || !Values.isDigits(s, from, to)) {
            return -1;
        }
        int v = Integer.parseInt(s, from, to, 10);
        return v <= 255 ? v : -1;
    }
}
