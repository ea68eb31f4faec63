package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.model.DecodeException;

/** Action-Request-Normal: invoke a method with optional parameters. */
public record ActionRequest(int invokeId, AttributeDescriptor method, DlmsData parameters) {

    public byte[] encode() {
        AxdrWriter w = new AxdrWriter().u8(ApduTag.ACTION_REQUEST).u8(1).u8(invokeId);
        method.write(w, false);
        if (parameters == null) {
            w.u8(0);
        } else {
            w.u8(1).data(parameters);
        }
        return w.toByteArray();
    }

    public static ActionRequest decode(byte[] apdu) {
        AxdrReader r = new AxdrReader(apdu);
        if (r.u8("APDU tag") != ApduTag.ACTION_REQUEST) {
            throw new DecodeException("not an action-request", 0);
        }
        int kind = r.u8("action-request choice");
        if (kind != 1) {
            throw new DecodeException("action-request choice " + kind + " is not supported (only normal)", 1);
        }
        int invoke = r.u8("invoke-id");
        AttributeDescriptor m = AttributeDescriptor.read(r, false);
        DlmsData params = r.u8("parameters present") != 0 ? r.data() : null;
        return new ActionRequest(invoke, m, params);
    }
}
