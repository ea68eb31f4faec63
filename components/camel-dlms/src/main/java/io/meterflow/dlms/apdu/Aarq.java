package io.meterflow.dlms.apdu;

import io.meterflow.model.DecodeException;

import java.io.ByteArrayOutputStream;

/**
 * AARQ, the ACSE association request (IEC 62056-5-3 / ISO 8650 as DLMS profiles it).
 *
 * @param ciphered       application context "LN with ciphering" (3) rather than "LN" (1)
 * @param callingApTitle the client's system title, or null
 * @param mechanism      authentication mechanism: 0 none, 1 low (password), 5 high (GMAC)
 * @param authValue      password (LLS) or client-to-server challenge (HLS), or null
 * @param userInformation the xDLMS InitiateRequest, plain or glo-ciphered
 */
public record Aarq(boolean ciphered, byte[] callingApTitle, int mechanism, byte[] authValue, byte[] userInformation) {

    static final byte[] CONTEXT_PREFIX = {0x60, (byte) 0x85, 0x74, 0x05, 0x08, 0x01};
    static final byte[] MECHANISM_PREFIX = {0x60, (byte) 0x85, 0x74, 0x05, 0x08, 0x02};

    public byte[] encode() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(Ber.tlv(0xA1, Ber.tlv(0x06, oid(CONTEXT_PREFIX, ciphered ? 3 : 1))));
        if (callingApTitle != null) {
            body.writeBytes(Ber.tlv(0xA6, Ber.tlv(0x04, callingApTitle)));
        }
        if (mechanism != 0) {
            body.writeBytes(Ber.tlv(0x8A, new byte[] {0x07, (byte) 0x80}));
            body.writeBytes(Ber.tlv(0x8B, oid(MECHANISM_PREFIX, mechanism)));
            body.writeBytes(Ber.tlv(0xAC, Ber.tlv(0x80, authValue == null ? new byte[0] : authValue)));
        }
        body.writeBytes(Ber.tlv(0xBE, Ber.tlv(0x04, userInformation)));
        return Ber.tlv(ApduTag.AARQ, body.toByteArray());
    }

    static byte[] oid(byte[] prefix, int last) {
        byte[] o = java.util.Arrays.copyOf(prefix, 7);
        o[6] = (byte) last;
        return o;
    }

    public static Aarq decode(byte[] apdu) {
        byte[] body = Ber.body(apdu, ApduTag.AARQ, "AARQ");
        boolean ciphered = false;
        byte[] apTitle = null;
        int mechanism = 0;
        byte[] auth = null;
        byte[] user = null;
        boolean context = false;
        for (Ber.Tlv t : Ber.read(body, 0, body.length)) {
            switch (t.tag()) {
                case 0xA1 -> {
                    byte[] oid = Ber.inner(t);
                    context = oid.length == 7;
                    ciphered = context && oid[6] == 3;
                }
                case 0xA6 -> apTitle = Ber.inner(t);
                case 0x8B -> mechanism = t.value().length == 7 ? t.value()[6] : -1;
                case 0xAC -> auth = Ber.inner(t);
                case 0xBE -> user = Ber.inner(t);
                default -> { }
            }
        }
        if (!context || user == null) {
            throw new DecodeException("AARQ without application context or user information", 0);
        }
        return new Aarq(ciphered, apTitle, mechanism, auth, user);
    }
}
