package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.dlms.axdr.CosemDateTime;
import io.meterflow.dlms.axdr.DataType;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.model.DecodeException;

/**
 * Data-Notification (IEC 62056-5-3): long-invoke-id-and-priority, an optional date-time and the
 * notification body, one {@code Data} value.
 *
 * <p>The date-time is an OCTET STRING OPTIONAL: {@code 00} when absent, else {@code 0C} and
 * 12 bytes. Some Kaifa meters write it as a tagged octet-string ({@code 09 0C ...}); that form is
 * read too, because those meters are common and the meaning is clear.
 */
public record DataNotification(long longInvokeIdAndPriority, CosemDateTime dateTime, DlmsData body) {

    public static DataNotification decode(byte[] apdu, int base) {
        AxdrReader r = new AxdrReader(apdu, 0, apdu.length, base);
        int tag = r.u8("APDU tag");
        if (tag != ApduTag.DATA_NOTIFICATION) {
            throw new DecodeException("expected data-notification but found " + ApduTag.name(tag), base);
        }
        long invoke = r.u32("long-invoke-id-and-priority");
        int at = r.offset();
        int first = r.u8("date-time");
        CosemDateTime time = null;
        if (first == DataType.OCTET_STRING.tag() && r.peek("date-time") == 12) {
            first = r.u8("date-time");
        }
        if (first == 12) {
            byte[] t = r.bytes(12, "date-time");
            time = CosemDateTime.decode(t, 0, at);
        } else if (first != 0) {
            throw new DecodeException("data-notification date-time of " + first + " bytes (expected 0 or 12)", at);
        }
        DlmsData body = r.data();
        if (r.hasRemaining()) {
            throw new DecodeException(r.remaining() + " bytes after the notification body", r.offset());
        }
        return new DataNotification(invoke, time, body);
    }

    public byte[] encode() {
        AxdrWriter w = new AxdrWriter().u8(ApduTag.DATA_NOTIFICATION).u32(longInvokeIdAndPriority);
        if (dateTime == null) {
            w.u8(0);
        } else {
            w.u8(12).bytes(dateTime.encode());
        }
        return w.data(body).toByteArray();
    }

    /** The meter time, when the header or an explicit date-time carries one that is complete. */
    public boolean hasTime() {
        return dateTime != null && dateTime.isComplete();
    }
}
