package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.dlms.security.SecuritySuite0;
import io.meterflow.model.DecodeException;

/**
 * A secured APDU: general-glo-ciphering / general-ded-ciphering (with the sender's system title)
 * or a service-specific glo-/ded- form (system title known from the association).
 *
 * @param tag               the APDU tag
 * @param systemTitle       the sender's system title from the APDU, or null for service-specific forms
 * @param securityControl   security control byte
 * @param invocationCounter invocation counter (frame counter)
 * @param ciphered          ciphertext and/or tag, as sent
 */
public record CipheredApdu(int tag, byte[] systemTitle, int securityControl, long invocationCounter, byte[] ciphered) {

    public boolean general() {
        return tag == ApduTag.GENERAL_GLO_CIPHERING || tag == ApduTag.GENERAL_DED_CIPHERING;
    }

    public boolean dedicated() {
        return tag == ApduTag.GENERAL_DED_CIPHERING || (tag >= ApduTag.DED_GET_REQUEST && tag <= ApduTag.DED_ACTION_RESPONSE);
    }

    public static boolean isCiphered(int tag) {
        return tag == ApduTag.GENERAL_GLO_CIPHERING || tag == ApduTag.GENERAL_DED_CIPHERING
                || ApduTag.isServiceSpecificCiphered(tag);
    }

    public static CipheredApdu decode(byte[] apdu, int base) {
        AxdrReader r = new AxdrReader(apdu, 0, apdu.length, base);
        int tag = r.u8("APDU tag");
        byte[] systemTitle = null;
        if (tag == ApduTag.GENERAL_GLO_CIPHERING || tag == ApduTag.GENERAL_DED_CIPHERING) {
            systemTitle = r.octetString("system title");
        } else if (!ApduTag.isServiceSpecificCiphered(tag)) {
            throw new DecodeException("APDU " + ApduTag.name(tag) + " is not ciphered", base);
        }
        int at = r.offset();
        int length = r.length("ciphered content");
        if (length != r.remaining()) {
            throw new DecodeException("ciphered content length says " + length + " bytes but " + r.remaining()
                    + " follow", at);
        }
        if (length < 5) {
            throw new DecodeException("ciphered content of " + length + " bytes has no security header", at);
        }
        int sc = r.u8("security control");
        long ic = r.u32("invocation counter");
        return new CipheredApdu(tag, systemTitle, sc, ic, r.rest());
    }

    public byte[] encode() {
        AxdrWriter w = new AxdrWriter().u8(tag);
        if (general()) {
            w.octetString(systemTitle);
        }
        w.length(5 + ciphered.length).u8(securityControl).u32(invocationCounter).bytes(ciphered);
        return w.toByteArray();
    }

    /** The plaintext APDU; {@code systemTitle} is used when the APDU does not carry one. */
    public byte[] plaintext(byte[] senderSystemTitle, byte[] encryptionKey, byte[] authenticationKey) {
        byte[] st = systemTitle != null ? systemTitle : senderSystemTitle;
        if (st == null) {
            throw new DecodeException(ApduTag.name(tag) + " carries no system title and none is known for the sender");
        }
        return SecuritySuite0.unprotect(securityControl, st, invocationCounter, ciphered, encryptionKey, authenticationKey);
    }

    /** Protects {@code plainApdu} in the general-glo- or -ded-ciphering form. */
    public static CipheredApdu general(boolean dedicated, byte[] systemTitle, int securityControl, long invocationCounter,
                                       byte[] plainApdu, byte[] encryptionKey, byte[] authenticationKey) {
        byte[] c = SecuritySuite0.protect(securityControl, systemTitle, invocationCounter, plainApdu, encryptionKey,
                authenticationKey);
        return new CipheredApdu(dedicated ? ApduTag.GENERAL_DED_CIPHERING : ApduTag.GENERAL_GLO_CIPHERING,
                systemTitle.clone(), securityControl, invocationCounter, c);
    }

    /** Protects {@code plainApdu} in its service-specific glo- or ded- form. */
    public static CipheredApdu serviceSpecific(boolean dedicated, byte[] systemTitle, int securityControl,
                                               long invocationCounter, byte[] plainApdu, byte[] encryptionKey,
                                               byte[] authenticationKey) {
        if (plainApdu.length == 0) {
            throw new IllegalArgumentException("empty APDU");
        }
        byte[] c = SecuritySuite0.protect(securityControl, systemTitle, invocationCounter, plainApdu, encryptionKey,
                authenticationKey);
        return new CipheredApdu(ApduTag.cipheredOf(plainApdu[0] & 0xFF, dedicated), null, securityControl,
                invocationCounter, c);
    }
}
