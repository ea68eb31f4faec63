package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.model.DecodeException;

/** Action-Response-Normal: the action result and optional return parameters. */
public record ActionResponse(int invokeId, int result, DataResult returnParameters) {

    public byte[] encode() {
        AxdrWriter w = new AxdrWriter().u8(ApduTag.ACTION_RESPONSE).u8(1).u8(invokeId).u8(result);
        if (returnParameters == null) {
            w.u8(0);
        } else {
            w.u8(1);
            returnParameters.write(w);
        }
        return w.toByteArray();
    }

    public static ActionResponse decode(byte[] apdu) {
        AxdrReader r = new AxdrReader(apdu);
        if (r.u8("APDU tag") != ApduTag.ACTION_RESPONSE || r.u8("action-response choice") != 1) {
            throw new DecodeException("not an action-response-normal", 0);
        }
        int invoke = r.u8("invoke-id");
        int result = r.u8("action-result");
        DataResult ret = r.hasRemaining() && r.u8("return parameters present") != 0 ? DataResult.read(r) : null;
        return new ActionResponse(invoke, result, ret);
    }
}
