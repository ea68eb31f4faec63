package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.dlms.axdr.CosemDateTime;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.model.DecodeException;
import io.meterflow.model.ObisCode;

/**
 * Event-Notification-Request (IEC 62056-5-3): an optional time, the attribute that changed and its
 * new value.
 */
public record EventNotification(CosemDateTime time, int classId, ObisCode instance, int attribute, DlmsData value) {

    public static EventNotification decode(byte[] apdu, int base) {
        AxdrReader r = new AxdrReader(apdu, 0, apdu.length, base);
        int tag = r.u8("APDU tag");
        if (tag != ApduTag.EVENT_NOTIFICATION) {
            throw new DecodeException("expected event-notification but found " + ApduTag.name(tag), base);
        }
        CosemDateTime time = null;
        int at = r.offset();
        if (r.u8("time present") != 0) {
            byte[] t = r.octetString("time");
            if (t.length != 12) {
                throw new DecodeException("event-notification time of " + t.length + " bytes", at);
            }
            time = CosemDateTime.decode(t, 0, at);
        }
        int classId = r.u16("class-id");
        ObisCode obis = ObisCode.fromBytes(r.bytes(6, "instance-id"));
        int attribute = (byte) r.u8("attribute-id");
        DlmsData value = r.data();
        return new EventNotification(time, classId, obis, attribute, value);
    }

    public byte[] encode() {
        AxdrWriter w = new AxdrWriter().u8(ApduTag.EVENT_NOTIFICATION);
        if (time == null) {
            w.u8(0);
        } else {
            w.u8(1).octetString(time.encode());
        }
        return w.u16(classId).bytes(instance.toBytes()).u8(attribute).data(value).toByteArray();
    }
}
