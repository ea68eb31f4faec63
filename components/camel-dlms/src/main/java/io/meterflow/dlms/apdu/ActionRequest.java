package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.model.DecodeException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Action-Request (IEC 62056-5-3), every choice: normal (a method with optional parameters),
 * next-pblock (asks for the next block of a long response), with-list (several methods, one
 * parameter Data each), with-first-pblock, with-list-and-first-pblock and with-pblock (parameters
 * too long for one APDU, sent in blocks of their A-XDR encoding: one Data for a single method,
 * SEQUENCE OF Data for a list).
 *
 * @param methods       the method descriptors (empty for next-pblock and with-pblock)
 * @param parameterList the parameters (normal: one entry, possibly null; with-list: one per method)
 * @param block         the parameter block, or null
 * @param blockNumber   for next-pblock: the number of the block last received
 */
public record ActionRequest(int kind, int invokeId, List<AttributeDescriptor> methods, List<DlmsData> parameterList,
                            DataBlock block, long blockNumber) {

    public static final int NORMAL = 1;
    public static final int NEXT_PBLOCK = 2;
    public static final int WITH_LIST = 3;
    public static final int WITH_FIRST_PBLOCK = 4;
    public static final int WITH_LIST_AND_FIRST_PBLOCK = 5;
    public static final int WITH_PBLOCK = 6;

    public ActionRequest {
        methods = List.copyOf(methods);
        parameterList = Collections.unmodifiableList(new ArrayList<>(parameterList));
    }

    /** Action-Request-Normal; parameters may be null. */
    public ActionRequest(int invokeId, AttributeDescriptor method, DlmsData parameters) {
        this(NORMAL, invokeId, List.of(method), Arrays.asList(parameters), null, 0);
    }

    public static ActionRequest withList(int invokeId, List<AttributeDescriptor> methods, List<DlmsData> parameters) {
        if (methods.size() != parameters.size()) {
            throw new IllegalArgumentException(methods.size() + " methods but " + parameters.size() + " parameters");
        }
        return new ActionRequest(WITH_LIST, invokeId, methods, parameters, null, 0);
    }

    public static ActionRequest firstBlock(int invokeId, AttributeDescriptor method, DataBlock block) {
        return new ActionRequest(WITH_FIRST_PBLOCK, invokeId, List.of(method), List.of(), block, 0);
    }

    public static ActionRequest listFirstBlock(int invokeId, List<AttributeDescriptor> methods, DataBlock block) {
        return new ActionRequest(WITH_LIST_AND_FIRST_PBLOCK, invokeId, methods, List.of(), block, 0);
    }

    public static ActionRequest block(int invokeId, DataBlock block) {
        return new ActionRequest(WITH_PBLOCK, invokeId, List.of(), List.of(), block, 0);
    }

    public static ActionRequest nextBlock(int invokeId, long blockNumber) {
        return new ActionRequest(NEXT_PBLOCK, invokeId, List.of(), List.of(), null, blockNumber);
    }

    /** The (first) method. */
    public AttributeDescriptor method() {
        return methods.isEmpty() ? null : methods.get(0);
    }

    /** The parameters of a normal request, or null. */
    public DlmsData parameters() {
        return parameterList.isEmpty() ? null : parameterList.get(0);
    }

    public byte[] encode() {
        AxdrWriter w = new AxdrWriter().u8(ApduTag.ACTION_REQUEST).u8(kind).u8(invokeId);
        switch (kind) {
            case NORMAL -> {
                methods.get(0).write(w, false);
                DlmsData p = parameterList.get(0);
                if (p == null) {
                    w.u8(0);
                } else {
                    w.u8(1).data(p);
                }
            }
            case NEXT_PBLOCK -> w.u32(blockNumber);
            case WITH_LIST -> {
                w.length(methods.size());
                methods.forEach(m -> m.write(w, false));
                w.length(parameterList.size());
                parameterList.forEach(p -> w.data(p == null ? DlmsData.NULL : p));
            }
            case WITH_FIRST_PBLOCK -> {
                methods.get(0).write(w, false);
                block.write(w);
            }
            case WITH_LIST_AND_FIRST_PBLOCK -> {
                w.length(methods.size());
                methods.forEach(m -> m.write(w, false));
                block.write(w);
            }
            case WITH_PBLOCK -> block.write(w);
            default -> throw new IllegalArgumentException("action-request choice " + kind);
        }
        return w.toByteArray();
    }

    public static ActionRequest decode(byte[] apdu) {
        AxdrReader r = new AxdrReader(apdu);
        if (r.u8("APDU tag") != ApduTag.ACTION_REQUEST) {
            throw new DecodeException("not an action-request", 0);
        }
        int kind = r.u8("action-request choice");
        int invoke = r.u8("invoke-id");
        return switch (kind) {
            case NORMAL -> {
                AttributeDescriptor m = AttributeDescriptor.read(r, false);
                DlmsData params = r.u8("parameters present") != 0 ? r.data() : null;
                yield new ActionRequest(invoke, m, params);
            }
            case NEXT_PBLOCK -> nextBlock(invoke, r.u32("block-number"));
            case WITH_LIST -> {
                List<AttributeDescriptor> methods = readMethods(r);
                int n = r.length("parameter list");
                if (n != methods.size()) {
                    throw new DecodeException("action-request-with-list has " + methods.size() + " methods but " + n
                            + " parameters", r.offset());
                }
                List<DlmsData> params = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    params.add(r.data());
                }
                yield withList(invoke, methods, params);
            }
            case WITH_FIRST_PBLOCK -> firstBlock(invoke, AttributeDescriptor.read(r, false), DataBlock.read(r));
            case WITH_LIST_AND_FIRST_PBLOCK -> listFirstBlock(invoke, readMethods(r), DataBlock.read(r));
            case WITH_PBLOCK -> block(invoke, DataBlock.read(r));
            default -> throw new DecodeException("action-request choice " + kind + " is not defined", 1);
        };
    }

    private static List<AttributeDescriptor> readMethods(AxdrReader r) {
        int n = r.length("method list");
        if (n > r.remaining() / 9) {
            throw new DecodeException("method list of " + n + " does not fit in the APDU", r.offset());
        }
        List<AttributeDescriptor> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(AttributeDescriptor.read(r, false));
        }
        return out;
    }
}
