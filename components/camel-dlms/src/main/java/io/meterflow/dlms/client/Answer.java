package io.meterflow.dlms.client;

import io.meterflow.dlms.apdu.AttributeDescriptor;
import io.meterflow.dlms.apdu.DataResult;
import io.meterflow.dlms.axdr.DlmsData;

/**
 * What a meter answered for one attribute read with {@link DlmsClient#getAll}: its data, or why
 * there is none (a data-access-result, or a request the meter turned down).
 *
 * @param refusal what the meter answered instead of a get-response, or null
 */
public record Answer(AttributeDescriptor attribute, DataResult result, String refusal) {

    public boolean ok() {
        return result != null && result.ok();
    }

    /** The data; when the meter gave none, a {@link DlmsException} that names the attribute and why. */
    public DlmsData data() {
        if (ok()) {
            return result.data();
        }
        throw new DlmsException("reading " + attribute.classId() + "/" + attribute.instance() + "/" + attribute.id() + " failed "
                + (refusal != null ? "(" + refusal + ")" : "with data-access-result " + (result == null ? "none" : result.accessResult())));
    }
}
