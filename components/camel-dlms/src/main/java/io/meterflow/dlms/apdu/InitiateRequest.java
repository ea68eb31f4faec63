package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.model.DecodeException;

/**
 * xDLMS InitiateRequest, carried in the AARQ's user-information.
 *
 * @param dedicatedKey   dedicated key for ded- ciphering, or null
 * @param dlmsVersion    proposed DLMS version, 6
 * @param conformance    proposed conformance block (24 bits)
 * @param maxReceivePdu  client's maximum receive PDU size
 */
public record InitiateRequest(byte[] dedicatedKey, int dlmsVersion, int conformance, int maxReceivePdu) {

    public byte[] encode() {
        AxdrWriter w = new AxdrWriter().u8(ApduTag.INITIATE_REQUEST);
        if (dedicatedKey == null) {
            w.u8(0);
        } else {
            w.u8(1).octetString(dedicatedKey);
        }
        return w.u8(0).u8(0).u8(dlmsVersion).u8(0x5F).u8(0x1F).u8(4).u8(0)
                .u8(conformance >> 16).u8(conformance >> 8).u8(conformance).u16(maxReceivePdu).toByteArray();
    }

    public static InitiateRequest decode(byte[] b) {
        AxdrReader r = new AxdrReader(b);
        if (r.u8("initiate tag") != ApduTag.INITIATE_REQUEST) {
            throw new DecodeException("not an xDLMS InitiateRequest", 0);
        }
        byte[] key = r.u8("dedicated-key present") != 0 ? r.octetString("dedicated-key") : null;
        if (r.u8("response-allowed present") != 0) {
            r.u8("response-allowed");
        }
        if (r.u8("quality-of-service present") != 0) {
            r.u8("quality-of-service");
        }
        int version = r.u8("dlms-version");
        if (r.u16("conformance tag") != 0x5F1F || r.u8("conformance length") != 4) {
            throw new DecodeException("InitiateRequest without conformance block", r.offset());
        }
        r.u8("unused bits");
        int conformance = (r.u8("conformance") << 16) | (r.u8("conformance") << 8) | r.u8("conformance");
        return new InitiateRequest(key, version, conformance, r.u16("max-receive-pdu-size"));
    }
}
