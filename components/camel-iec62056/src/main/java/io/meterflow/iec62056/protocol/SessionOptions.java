package io.meterflow.iec62056.protocol;

/**
 * How to talk to one meter.
 *
 * @param address           device address for the sign-on {@code /?address!}; empty for "any meter"
 * @param mode              the mode to run: A, B or C are told apart by the meter's identification
 *                          (mode C is needed for programming mode), D only listens, E is refused
 * @param maxBaudRate       the highest baud rate to switch to in mode C (the meter's own maximum
 *                          applies too)
 * @param password          the password for programming mode, or null for none
 * @param passwordCommand   {@code P1} (password as such) or {@code P2} (password processed with the
 *                          meter's seed by {@code passwordAlgorithm})
 * @param passwordAlgorithm turns the meter's seed and the password into what is sent
 * @param responseTimeout   the longest silence accepted from the meter, in milliseconds
 * @param baudSwitchDelay   the pause after the option select before the new baud rate is used, ms
 * @param wakeUp            send the battery-meter wake-up sequence (NUL characters, then a pause)
 *                          before the sign-on
 * @param wakeUpNuls        how many NUL characters; 65 last about 2.2 s at 300 Bd
 * @param wakeUpPause       the pause after them, ms (the standard asks for 1.5 to 1.7 s)
 */
public record SessionOptions(String address, ProtocolMode mode, int maxBaudRate, String password,
                             String passwordCommand, PasswordAlgorithm passwordAlgorithm, int responseTimeout,
                             int baudSwitchDelay, boolean wakeUp, int wakeUpNuls, int wakeUpPause) {

    /** What is sent after {@code P1}/{@code P2}, computed from the meter's seed (the P0 operand). */
    @FunctionalInterface
    public interface PasswordAlgorithm {
        String apply(String seed, String password);
    }

    public SessionOptions {
        address = address == null ? "" : address;
        mode = mode == null ? ProtocolMode.C : mode;
        passwordCommand = passwordCommand == null ? "P1" : passwordCommand;
        passwordAlgorithm = passwordAlgorithm == null ? (seed, pw) -> pw : passwordAlgorithm;
        if (address.length() > 32 || !address.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '!' && c != '/' && c != '?')) {
            throw new IllegalArgumentException("device address \"" + address + "\" must be up to 32 printable characters"
                    + " without '/', '?' and '!'");
        }
        if (!passwordCommand.equals("P1") && !passwordCommand.equals("P2")) {
            throw new IllegalArgumentException("password command must be P1 or P2 but was " + passwordCommand);
        }
        if (responseTimeout <= 0) {
            throw new IllegalArgumentException("response timeout must be positive");
        }
    }

    /** Mode C, any meter, 9600 Bd at most, no password, 1.5 s timeout, no wake-up. */
    public static SessionOptions defaults() {
        return new SessionOptions("", ProtocolMode.C, 9600, null, "P1", null, 1500, 300, false, 65, 1600);
    }

    public SessionOptions withAddress(String newAddress) {
        return new SessionOptions(newAddress, mode, maxBaudRate, password, passwordCommand, passwordAlgorithm,
                responseTimeout, baudSwitchDelay, wakeUp, wakeUpNuls, wakeUpPause);
    }

    public SessionOptions withMode(ProtocolMode newMode) {
        return new SessionOptions(address, newMode, maxBaudRate, password, passwordCommand, passwordAlgorithm,
                responseTimeout, baudSwitchDelay, wakeUp, wakeUpNuls, wakeUpPause);
    }

    public SessionOptions withPassword(String newPassword) {
        return new SessionOptions(address, mode, maxBaudRate, newPassword, passwordCommand, passwordAlgorithm,
                responseTimeout, baudSwitchDelay, wakeUp, wakeUpNuls, wakeUpPause);
    }

    public SessionOptions withTimeouts(int newResponseTimeout, int newBaudSwitchDelay) {
        return new SessionOptions(address, mode, maxBaudRate, password, passwordCommand, passwordAlgorithm,
                newResponseTimeout, newBaudSwitchDelay, wakeUp, wakeUpNuls, wakeUpPause);
    }

    public SessionOptions withWakeUp(boolean on, int nuls, int pause) {
        return new SessionOptions(address, mode, maxBaudRate, password, passwordCommand, passwordAlgorithm,
                responseTimeout, baudSwitchDelay, on, nuls, pause);
    }
}
