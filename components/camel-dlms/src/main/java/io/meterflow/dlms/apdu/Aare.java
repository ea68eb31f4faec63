package io.meterflow.dlms.apdu;

import io.meterflow.model.DecodeException;

import java.io.ByteArrayOutputStream;

/**
 * AARE, the ACSE association response.
 *
 * @param ciphered          application context "LN with ciphering"
 * @param result            0 accepted, 1 rejected-permanent, 2 rejected-transient
 * @param diagnostic        acse-service-user diagnostic: 0 null, 1 no-reason-given,
 *                          2 application-context-name-not-supported, 13 authentication-failure,
 *                          14 authentication-required
 * @param respondingApTitle the server's system title, or null
 * @param mechanism         authentication mechanism, 0 when none
 * @param authValue         server-to-client challenge (HLS), or null
 * @param userInformation   xDLMS InitiateResponse (plain or glo-ciphered) or ConfirmedServiceError
 */
public record Aare(boolean ciphered, int result, int diagnostic, byte[] respondingApTitle, int mechanism,
                   byte[] authValue, byte[] userInformation) {

    public static final int ACCEPTED = 0;
    public static final int REJECTED_PERMANENT = 1;
    public static final int AUTHENTICATION_FAILURE = 13;

    public boolean accepted() {
        return result == ACCEPTED;
    }

    public byte[] encode() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(Ber.tlv(0xA1, Ber.tlv(0x06, Aarq.oid(Aarq.CONTEXT_PREFIX, ciphered ? 3 : 1))));
        body.writeBytes(Ber.tlv(0xA2, Ber.tlv(0x02, new byte[] {(byte) result})));
        body.writeBytes(Ber.tlv(0xA3, Ber.tlv(0xA1, Ber.tlv(0x02, new byte[] {(byte) diagnostic}))));
        if (respondingApTitle != null) {
            body.writeBytes(Ber.tlv(0xA4, Ber.tlv(0x04, respondingApTitle)));
        }
        if (mechanism != 0) {
            body.writeBytes(Ber.tlv(0x88, new byte[] {0x07, (byte) 0x80}));
            body.writeBytes(Ber.tlv(0x89, Aarq.oid(Aarq.MECHANISM_PREFIX, mechanism)));
            if (authValue != null) {
                body.writeBytes(Ber.tlv(0xAA, Ber.tlv(0x80, authValue)));
            }
        }
        if (userInformation != null) {
            body.writeBytes(Ber.tlv(0xBE, Ber.tlv(0x04, userInformation)));
        }
        return Ber.tlv(ApduTag.AARE, body.toByteArray());
    }

    public static Aare decode(byte[] apdu) {
        byte[] body = Ber.body(apdu, ApduTag.AARE, "AARE");
        boolean ciphered = false;
        int result = -1;
        int diagnostic = 0;
        byte[] apTitle = null;
        int mechanism = 0;
        byte[] auth = null;
        byte[] user = null;
        for (Ber.Tlv t : Ber.read(body, 0, body.length)) {
            switch (t.tag()) {
                case 0xA1 -> {
                    byte[] oid = Ber.inner(t);
                    ciphered = oid.length == 7 && oid[6] == 3;
                }
                case 0xA2 -> {
                    byte[] v = Ber.inner(t);
                    result = v.length == 1 ? v[0] & 0xFF : -1;
                }
                case 0xA3 -> {
                    byte[] v = Ber.inner(Ber.read(t.value(), 0, t.value().length).get(0));
                    diagnostic = v.length == 1 ? v[0] & 0xFF : -1;
                }
                case 0xA4 -> apTitle = Ber.inner(t);
                case 0x89 -> mechanism = t.value().length == 7 ? t.value()[6] : -1;
                case 0xAA -> auth = Ber.inner(t);
                case 0xBE -> user = Ber.inner(t);
                default -> { }
            }
        }
        if (result < 0) {
            throw new DecodeException("AARE without association result", 0);
        }
        return new Aare(ciphered, result, diagnostic, apTitle, mechanism, auth, user);
    }
}
