package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.model.DecodeException;

import java.util.ArrayList;
import java.util.List;

/**
 * Get-Request (IEC 62056-5-3): normal (one attribute), next (the next block of a long response)
 * and with-list (several attributes).
 *
 * @param kind        1 normal, 2 next, 3 with-list
 * @param invokeId    invoke-id-and-priority byte
 * @param attributes  the attributes (one for normal, none for next)
 * @param blockNumber block asked for by get-request-next
 */
public record GetRequest(int kind, int invokeId, List<AttributeDescriptor> attributes, long blockNumber) {

    public static final int NORMAL = 1;
    public static final int NEXT = 2;
    public static final int WITH_LIST = 3;

    public static GetRequest normal(int invokeId, AttributeDescriptor attribute) {
        return new GetRequest(NORMAL, invokeId, List.of(attribute), 0);
    }

    public static GetRequest next(int invokeId, long blockNumber) {
        return new GetRequest(NEXT, invokeId, List.of(), blockNumber);
    }

    public static GetRequest withList(int invokeId, List<AttributeDescriptor> attributes) {
        return new GetRequest(WITH_LIST, invokeId, attributes, 0);
    }

    public byte[] encode() {
        AxdrWriter w = new AxdrWriter().u8(ApduTag.GET_REQUEST).u8(kind).u8(invokeId);
        switch (kind) {
            case NORMAL -> attributes.get(0).write(w, true);
            case NEXT -> w.u32(blockNumber);
            default -> {
                w.length(attributes.size());
                attributes.forEach(a -> a.write(w, true));
            }
        }
        return w.toByteArray();
    }

    public static GetRequest decode(byte[] apdu) {
        AxdrReader r = new AxdrReader(apdu);
        if (r.u8("APDU tag") != ApduTag.GET_REQUEST) {
            throw new DecodeException("not a get-request", 0);
        }
        int kind = r.u8("get-request choice");
        int invoke = r.u8("invoke-id");
        return switch (kind) {
            case NORMAL -> normal(invoke, AttributeDescriptor.read(r, true));
            case NEXT -> next(invoke, r.u32("block-number"));
            case WITH_LIST -> {
                int n = r.length("attribute list");
                if (n > r.remaining()) {
                    throw new DecodeException("get-request list of " + n + " but " + r.remaining() + " bytes left", 3);
                }
                List<AttributeDescriptor> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(AttributeDescriptor.read(r, true));
                }
                yield withList(invoke, list);
            }
            default -> throw new DecodeException("unknown get-request choice " + kind, 1);
        };
    }
}
