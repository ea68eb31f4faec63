package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.model.DecodeException;

/** Set-Response-Normal: the data-access-result of the write. */
public record SetResponse(int invokeId, int result) {

    public byte[] encode() {
        return new AxdrWriter().u8(ApduTag.SET_RESPONSE).u8(1).u8(invokeId).u8(result).toByteArray();
    }

    public static SetResponse decode(byte[] apdu) {
        AxdrReader r = new AxdrReader(apdu);
        if (r.u8("APDU tag") != ApduTag.SET_RESPONSE || r.u8("set-response choice") != 1) {
            throw new DecodeException("not a set-response-normal", 0);
        }
        return new SetResponse(r.u8("invoke-id"), r.u8("result"));
    }
}
