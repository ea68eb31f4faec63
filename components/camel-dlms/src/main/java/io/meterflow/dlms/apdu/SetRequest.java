package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.model.DecodeException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Set-Request (IEC 62056-5-3), every choice: normal (one attribute and its value),
 * with-first-datablock and with-datablock (a value too long for one APDU, sent in blocks of its
 * A-XDR encoding), with-list (several attributes and values) and with-list-and-first-datablock
 * (the encoded SEQUENCE OF Data of the values in blocks).
 *
 * @param kind       one of the choice constants
 * @param attributes the attribute descriptors (empty for with-datablock)
 * @param values     the values (normal and with-list; empty when they travel in blocks)
 * @param block      the data block, or null
 */
public record SetRequest(int kind, int invokeId, List<AttributeDescriptor> attributes, List<DlmsData> values,
                         DataBlock block) {

    public static final int NORMAL = 1;
    public static final int WITH_FIRST_DATABLOCK = 2;
    public static final int WITH_DATABLOCK = 3;
    public static final int WITH_LIST = 4;
    public static final int WITH_LIST_AND_FIRST_DATABLOCK = 5;

    public SetRequest {
        attributes = List.copyOf(attributes);
        values = List.copyOf(values);
    }

    /** Set-Request-Normal. */
    public SetRequest(int invokeId, AttributeDescriptor attribute, DlmsData value) {
        this(NORMAL, invokeId, List.of(attribute), List.of(value), null);
    }

    public static SetRequest withList(int invokeId, List<AttributeDescriptor> attributes, List<DlmsData> values) {
        if (attributes.size() != values.size()) {
            throw new IllegalArgumentException(attributes.size() + " attributes but " + values.size() + " values");
        }
        return new SetRequest(WITH_LIST, invokeId, attributes, values, null);
    }

    public static SetRequest firstBlock(int invokeId, AttributeDescriptor attribute, DataBlock block) {
        return new SetRequest(WITH_FIRST_DATABLOCK, invokeId, List.of(attribute), List.of(), block);
    }

    public static SetRequest listFirstBlock(int invokeId, List<AttributeDescriptor> attributes, DataBlock block) {
        return new SetRequest(WITH_LIST_AND_FIRST_DATABLOCK, invokeId, attributes, List.of(), block);
    }

    public static SetRequest block(int invokeId, DataBlock block) {
        return new SetRequest(WITH_DATABLOCK, invokeId, List.of(), List.of(), block);
    }

    /** The (first) attribute. */
    public AttributeDescriptor attribute() {
        return attributes.isEmpty() ? null : attributes.get(0);
    }

    /** The value of a normal request. */
    public DlmsData value() {
        return values.isEmpty() ? null : values.get(0);
    }

    /** The A-XDR encoding of what with-list-and-first-datablock carries in blocks: SEQUENCE OF Data. */
    public static byte[] encodeValueList(List<DlmsData> values) {
        AxdrWriter w = new AxdrWriter().length(values.size());
        values.forEach(w::data);
        return w.toByteArray();
    }

    /** Reads a SEQUENCE OF Data joined from blocks. */
    public static List<DlmsData> decodeValueList(byte[] encoded) {
        AxdrReader r = new AxdrReader(encoded);
        int n = r.length("value list");
        List<DlmsData> out = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            out.add(r.data());
        }
        return out;
    }

    public byte[] encode() {
        AxdrWriter w = new AxdrWriter().u8(ApduTag.SET_REQUEST).u8(kind).u8(invokeId);
        switch (kind) {
            case NORMAL -> {
                attributes.get(0).write(w, true);
                w.data(values.get(0));
            }
            case WITH_FIRST_DATABLOCK -> {
                attributes.get(0).write(w, true);
                block.write(w);
            }
            case WITH_DATABLOCK -> block.write(w);
            case WITH_LIST -> {
                w.length(attributes.size());
                attributes.forEach(a -> a.write(w, true));
                w.length(values.size());
                values.forEach(w::data);
            }
            case WITH_LIST_AND_FIRST_DATABLOCK -> {
                w.length(attributes.size());
                attributes.forEach(a -> a.write(w, true));
                block.write(w);
            }
            default -> throw new IllegalArgumentException("set-request choice " + kind);
        }
        return w.toByteArray();
    }

    public static SetRequest decode(byte[] apdu) {
        AxdrReader r = new AxdrReader(apdu);
        if (r.u8("APDU tag") != ApduTag.SET_REQUEST) {
            throw new DecodeException("not a set-request", 0);
        }
        int kind = r.u8("set-request choice");
        int invoke = r.u8("invoke-id");
        return switch (kind) {
            case NORMAL -> new SetRequest(invoke, AttributeDescriptor.read(r, true), r.data());
            case WITH_FIRST_DATABLOCK -> firstBlock(invoke, AttributeDescriptor.read(r, true), DataBlock.read(r));
            case WITH_DATABLOCK -> block(invoke, DataBlock.read(r));
            case WITH_LIST -> {
                List<AttributeDescriptor> attributes = readAttributes(r);
                int n = r.length("value list");
                if (n != attributes.size()) {
                    throw new DecodeException("set-request-with-list has " + attributes.size() + " attributes but "
                            + n + " values", r.offset());
                }
                List<DlmsData> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    values.add(r.data());
                }
                yield withList(invoke, attributes, values);
            }
            case WITH_LIST_AND_FIRST_DATABLOCK -> listFirstBlock(invoke, readAttributes(r), DataBlock.read(r));
            default -> throw new DecodeException("set-request choice " + kind + " is not defined", 1);
        };
    }

    private static List<AttributeDescriptor> readAttributes(AxdrReader r) {
        int n = r.length("attribute list");
        if (n > r.remaining() / 9) {
            throw new DecodeException("attribute list of " + n + " does not fit in the APDU", r.offset());
        }
        List<AttributeDescriptor> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(AttributeDescriptor.read(r, true));
        }
        return Collections.unmodifiableList(out);
    }
}
