package io.meterflow.dlms.push;

import io.meterflow.dlms.axdr.CosemDateTime;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.model.ObisCode;
import io.meterflow.model.Telegram;

import java.util.List;

/**
 * A decoded push: the notification as sent, each value with its interpretation, and the
 * resulting telegram.
 *
 * @param unwrapped the plaintext APDU and its security
 * @param longInvokeIdAndPriority from the data-notification header
 * @param headerTime the date-time of the notification header, or null
 * @param body      the notification body as sent
 * @param layout    the layout used, or null
 * @param values    every value of the body
 * @param telegram  the canonical telegram
 */
public record PushMessage(UnwrappedApdu unwrapped, long longInvokeIdAndPriority, CosemDateTime headerTime,
                          DlmsData body, PushLayout layout, List<PushValue> values, Telegram telegram) {

    /** The first value with this OBIS code, or null. */
    public PushValue value(ObisCode obis) {
        for (PushValue v : values) {
            if (obis.equals(v.obis())) {
                return v;
            }
        }
        return null;
    }

    public PushValue value(String obis) {
        return value(ObisCode.parse(obis));
    }
}
