package io.meterflow.dlms.push;

import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.axdr.ScalerUnit;
import io.meterflow.model.ObisCode;
import io.meterflow.model.Unit;

import java.math.BigDecimal;

/**
 * One value of a push, as found and as interpreted.
 *
 * @param position    0-based position in the notification body
 * @param obis        the OBIS code the push or the layout gives, or null
 * @param classId     COSEM class of the captured object, or -1 when the push does not say
 * @param attribute   captured attribute, or -1 when the push does not say
 * @param raw         the value as sent
 * @param scalerUnit  the scaler_unit from the push, or null
 * @param value       the value scaled into {@code unit}, or null for non-numeric values
 * @param unit        canonical unit, or null for non-numeric values
 * @param role        what the value is
 */
public record PushValue(int position, ObisCode obis, int classId, int attribute, DlmsData raw, ScalerUnit scalerUnit,
                        BigDecimal value, Unit unit, PushLayout.Role role) {

    /** The text of a string value (visible-, utf8- or printable octet-string), else null. */
    public String text() {
        return raw.isText() ? raw.text() : null;
    }
}
