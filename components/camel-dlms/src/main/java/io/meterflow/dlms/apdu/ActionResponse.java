package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.model.DecodeException;

import java.util.ArrayList;
import java.util.List;

/**
 * Action-Response (IEC 62056-5-3): normal (result and optional return parameters), with-pblock
 * (a long response in blocks), with-list (one result per method) and next-pblock (the server asks
 * for the next block of long request parameters).
 *
 * @param responses   Action-Response-With-Optional-Data, one per method (normal, with-list)
 * @param block       the response block (with-pblock), or null
 * @param blockNumber for next-pblock: the number of the block the server received
 */
public record ActionResponse(int kind, int invokeId, List<Single> responses, DataBlock block, long blockNumber) {

    public static final int NORMAL = 1;
    public static final int WITH_PBLOCK = 2;
    public static final int WITH_LIST = 3;
    public static final int NEXT_PBLOCK = 4;

    /** Action-Response-With-Optional-Data: the action-result and the return parameters, if any. */
    public record Single(int result, DataResult returnParameters) {

        static Single read(AxdrReader r) {
            int result = r.u8("action-result");
            DataResult ret = r.hasRemaining() && r.u8("return parameters present") != 0 ? DataResult.read(r) : null;
            return new Single(result, ret);
        }

        void write(AxdrWriter w) {
            w.u8(result);
            if (returnParameters == null) {
                w.u8(0);
            } else {
                w.u8(1);
                returnParameters.write(w);
            }
        }

        /** The encoding of a list of them (what with-pblock carries for a with-list request). */
        public static byte[] encodeList(List<Single> responses) {
            AxdrWriter w = new AxdrWriter().length(responses.size());
            responses.forEach(s -> s.write(w));
            return w.toByteArray();
        }

        public static List<Single> decodeList(byte[] encoded) {
            AxdrReader r = new AxdrReader(encoded);
            return readList(r);
        }

        /** The encoding of one (what with-pblock carries for a single method). */
        public byte[] encode() {
            AxdrWriter w = new AxdrWriter();
            write(w);
            return w.toByteArray();
        }

        public static Single decode(byte[] encoded) {
            return read(new AxdrReader(encoded));
        }
    }

    public ActionResponse {
        responses = List.copyOf(responses);
    }

    /** Action-Response-Normal. */
    public ActionResponse(int invokeId, int result, DataResult returnParameters) {
        this(NORMAL, invokeId, List.of(new Single(result, returnParameters)), null, 0);
    }

    public static ActionResponse withList(int invokeId, List<Single> responses) {
        return new ActionResponse(WITH_LIST, invokeId, responses, null, 0);
    }

    public static ActionResponse block(int invokeId, DataBlock block) {
        return new ActionResponse(WITH_PBLOCK, invokeId, List.of(), block, 0);
    }

    public static ActionResponse nextBlock(int invokeId, long blockNumber) {
        return new ActionResponse(NEXT_PBLOCK, invokeId, List.of(), null, blockNumber);
    }

    /** The (first) action-result; -1 for the block forms, which carry none. */
    public int result() {
        return responses.isEmpty() ? -1 : responses.get(0).result();
    }

    /** The (first) return parameters, or null. */
    public DataResult returnParameters() {
        return responses.isEmpty() ? null : responses.get(0).returnParameters();
    }

    public byte[] encode() {
        AxdrWriter w = new AxdrWriter().u8(ApduTag.ACTION_RESPONSE).u8(kind).u8(invokeId);
        switch (kind) {
            case NORMAL -> responses.get(0).write(w);
            case WITH_PBLOCK -> block.write(w);
            case WITH_LIST -> {
                w.length(responses.size());
                responses.forEach(s -> s.write(w));
            }
            case NEXT_PBLOCK -> w.u32(blockNumber);
            default -> throw new IllegalArgumentException("action-response choice " + kind);
        }
        return w.toByteArray();
    }

    public static ActionResponse decode(byte[] apdu) {
        AxdrReader r = new AxdrReader(apdu);
        if (r.u8("APDU tag") != ApduTag.ACTION_RESPONSE) {
            throw new DecodeException("not an action-response", 0);
        }
        int kind = r.u8("action-response choice");
        int invoke = r.u8("invoke-id");
        return switch (kind) {
            case NORMAL -> new ActionResponse(NORMAL, invoke, List.of(Single.read(r)), null, 0);
            case WITH_PBLOCK -> block(invoke, DataBlock.read(r));
            case WITH_LIST -> withList(invoke, readList(r));
            case NEXT_PBLOCK -> nextBlock(invoke, r.u32("block-number"));
            default -> throw new DecodeException("action-response choice " + kind + " is not defined", 1);
        };
    }

    private static List<Single> readList(AxdrReader r) {
        int n = r.length("response list");
        if (n > r.remaining()) {
            throw new DecodeException("response list of " + n + " does not fit in the APDU", r.offset());
        }
        List<Single> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Single.read(r));
        }
        return out;
    }
}
