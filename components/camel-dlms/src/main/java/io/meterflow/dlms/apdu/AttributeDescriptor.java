package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.model.ObisCode;

/**
 * Cosem-Attribute-Descriptor (or Cosem-Method-Descriptor, same layout) with optional selective
 * access: class-id, instance-id (logical name), attribute-id (or method-id).
 *
 * @param classId   COSEM interface class
 * @param instance  logical name
 * @param id        attribute or method index
 * @param selector  access selector, or 0 for no selective access
 * @param parameter access parameters, or null
 */
public record AttributeDescriptor(int classId, ObisCode instance, int id, int selector, DlmsData parameter) {

    public static AttributeDescriptor of(int classId, ObisCode instance, int id) {
        return new AttributeDescriptor(classId, instance, id, 0, null);
    }

    public boolean selective() {
        return selector != 0;
    }

    static AttributeDescriptor read(AxdrReader r, boolean withAccess) {
        int classId = r.u16("class-id");
        ObisCode obis = ObisCode.fromBytes(r.bytes(6, "instance-id"));
        int id = (byte) r.u8("attribute-id");
        if (withAccess && r.u8("access-selection present") != 0) {
            int selector = r.u8("access-selector");
            return new AttributeDescriptor(classId, obis, id, selector, r.data());
        }
        return new AttributeDescriptor(classId, obis, id, 0, null);
    }

    void write(AxdrWriter w, boolean withAccess) {
        w.u16(classId).bytes(instance.toBytes()).u8(id);
        if (withAccess) {
            if (selective()) {
                w.u8(1).u8(selector).data(parameter);
            } else {
                w.u8(0);
            }
        }
    }
}
