package io.meterflow.dlms.push;

import io.meterflow.dlms.axdr.Hex;

/**
 * A plaintext APDU taken out of its transport (wrapper, HDLC, LLC, block transfer) and security.
 *
 * @param apdu              the plaintext APDU
 * @param systemTitle       the sender's system title from the ciphering, or null
 * @param securityControl   the security control byte, or -1 when the APDU was not secured
 * @param invocationCounter the invocation counter, or -1 when the APDU was not secured
 * @param authenticated     true when a GCM/GMAC tag was checked
 */
public record UnwrappedApdu(byte[] apdu, byte[] systemTitle, int securityControl, long invocationCounter,
                            boolean authenticated) {

    public UnwrappedApdu {
        apdu = apdu.clone();
        systemTitle = systemTitle == null ? null : systemTitle.clone();
    }

    @Override
    public byte[] apdu() {
        return apdu.clone();
    }

    @Override
    public byte[] systemTitle() {
        return systemTitle == null ? null : systemTitle.clone();
    }

    public boolean secured() {
        return securityControl >= 0;
    }

    public String systemTitleHex() {
        return systemTitle == null ? null : Hex.of(systemTitle);
    }

    public int tag() {
        return apdu.length == 0 ? -1 : apdu[0] & 0xFF;
    }
}
