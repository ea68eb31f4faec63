package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.model.DecodeException;

/** Set-Request-Normal (IEC 62056-5-3): one attribute and its new value. */
public record SetRequest(int invokeId, AttributeDescriptor attribute, DlmsData value) {

    public byte[] encode() {
        AxdrWriter w = new AxdrWriter().u8(ApduTag.SET_REQUEST).u8(1).u8(invokeId);
        attribute.write(w, true);
        return w.data(value).toByteArray();
    }

    public static SetRequest decode(byte[] apdu) {
        AxdrReader r = new AxdrReader(apdu);
        if (r.u8("APDU tag") != ApduTag.SET_REQUEST) {
            throw new DecodeException("not a set-request", 0);
        }
        int kind = r.u8("set-request choice");
        if (kind != 1) {
            throw new DecodeException("set-request choice " + kind + " is not supported (only normal)", 1);
        }
        int invoke = r.u8("invoke-id");
        return new SetRequest(invoke, AttributeDescriptor.read(r, true), r.data());
    }
}
