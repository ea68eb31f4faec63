package io.meterflow.dlms.server;

import io.meterflow.dlms.apdu.Conformance;
import io.meterflow.dlms.client.Authentication;

/**
 * What a simulated meter demands of its clients.
 *
 * @param authentication    the mechanism required
 * @param password          the LLS password
 * @param ciphered          requests must be glo-ciphered (authenticated and encrypted)
 * @param systemTitle       the meter's system title
 * @param encryptionKey     global unicast encryption key
 * @param authenticationKey authentication key
 * @param maxPdu            largest APDU the meter sends before it switches to block transfer
 * @param conformance       the services the meter offers at association (conformance block bits)
 */
public record ServerSettings(Authentication authentication, byte[] password, boolean ciphered, byte[] systemTitle,
                             byte[] encryptionKey, byte[] authenticationKey, int maxPdu, int conformance) {

    /** A meter that offers every service the simulator implements. */
    public ServerSettings(Authentication authentication, byte[] password, boolean ciphered, byte[] systemTitle,
                          byte[] encryptionKey, byte[] authenticationKey, int maxPdu) {
        this(authentication, password, ciphered, systemTitle, encryptionKey, authenticationKey, maxPdu, Conformance.DEFAULT);
    }

    /** The same meter offering only {@code conformance} (of what the simulator implements). */
    public ServerSettings offering(int conformance) {
        return new ServerSettings(authentication, password, ciphered, systemTitle, encryptionKey, authenticationKey, maxPdu,
                conformance & Conformance.DEFAULT);
    }

    public static final byte[] DEFAULT_SYSTEM_TITLE = {'M', 'T', 'F', 0x53, 0x49, 0x4D, 0, 1};
}
