package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.model.DecodeException;

/**
 * xDLMS InitiateResponse, carried in the AARE's user-information.
 *
 * @param dlmsVersion   negotiated DLMS version
 * @param conformance   negotiated conformance block
 * @param maxReceivePdu server's maximum receive PDU size
 * @param vaaName       VAA name, 0x0007 for logical name referencing
 */
public record InitiateResponse(int dlmsVersion, int conformance, int maxReceivePdu, int vaaName) {

    public byte[] encode() {
        return new AxdrWriter().u8(ApduTag.INITIATE_RESPONSE).u8(0).u8(dlmsVersion).u8(0x5F).u8(0x1F).u8(4).u8(0)
                .u8(conformance >> 16).u8(conformance >> 8).u8(conformance).u16(maxReceivePdu).u16(vaaName)
                .toByteArray();
    }

    public static InitiateResponse decode(byte[] b) {
        AxdrReader r = new AxdrReader(b);
        if (r.u8("initiate tag") != ApduTag.INITIATE_RESPONSE) {
            throw new DecodeException("not an xDLMS InitiateResponse", 0);
        }
        if (r.u8("quality-of-service present") != 0) {
            r.u8("quality-of-service");
        }
        int version = r.u8("dlms-version");
        if (r.u16("conformance tag") != 0x5F1F || r.u8("conformance length") != 4) {
            throw new DecodeException("InitiateResponse without conformance block", r.offset());
        }
        r.u8("unused bits");
        int conformance = (r.u8("conformance") << 16) | (r.u8("conformance") << 8) | r.u8("conformance");
        return new InitiateResponse(version, conformance, r.u16("max-receive-pdu-size"), r.u16("vaa-name"));
    }
}
