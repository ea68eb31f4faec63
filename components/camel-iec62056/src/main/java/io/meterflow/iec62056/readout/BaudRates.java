package io.meterflow.iec62056.readout;

/** The baud-rate characters of IEC 62056-21: '0'..'6' in modes C and E, 'A'..'F' in mode B. */
public final class BaudRates {

    private static final int[] RATES = {300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200};

    private BaudRates() {
    }

    /** The baud rate a character stands for; 300 when it stands for none (mode A). */
    public static int ofCharacter(char c) {
        if (c >= '0' && c <= '9') {
            return RATES[c - '0'];
        }
        if (c >= 'A' && c <= 'I') {
            return RATES[c - 'A' + 1];
        }
        return 300;
    }

    /** The mode C/E character of a baud rate, e.g. '5' for 9600. */
    public static char modeCCharacter(int baud) {
        for (int i = 0; i < RATES.length; i++) {
            if (RATES[i] == baud) {
                return (char) ('0' + i);
            }
        }
        throw new IllegalArgumentException("no IEC 62056-21 baud-rate character for " + baud + " Bd");
    }
}
