package io.meterflow.dlms.client;

/**
 * How a client associates.
 *
 * @param authentication    none, low or high-gmac
 * @param password          LLS password, or null
 * @param ciphered          use glo-ciphering (security suite 0, authenticated and encrypted)
 * @param systemTitle       the client's 8-byte system title (ciphering and HLS)
 * @param encryptionKey     global unicast encryption key (ciphering and HLS)
 * @param authenticationKey authentication key (ciphering and HLS)
 * @param maxReceivePdu     the client's maximum receive PDU size
 */
public record ClientSettings(Authentication authentication, byte[] password, boolean ciphered, byte[] systemTitle,
                             byte[] encryptionKey, byte[] authenticationKey, int maxReceivePdu) {

    public static final byte[] DEFAULT_SYSTEM_TITLE = {'M', 'T', 'F', 0, 0, 0, 0, 1};

    public static ClientSettings none() {
        return new ClientSettings(Authentication.NONE, null, false, DEFAULT_SYSTEM_TITLE, null, null, 0xFFFF);
    }

    public static ClientSettings low(byte[] password) {
        return new ClientSettings(Authentication.LOW, password, false, DEFAULT_SYSTEM_TITLE, null, null, 0xFFFF);
    }
}
