package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.model.DecodeException;

import java.util.ArrayList;
import java.util.List;

/**
 * Set-Response (IEC 62056-5-3): normal (one data-access-result), datablock (the block number
 * received, more expected), last-datablock (result and block number), last-datablock-with-list
 * and with-list (one result per attribute).
 *
 * @param results     data-access-results (empty for datablock)
 * @param blockNumber the acknowledged block (datablock and last-datablock forms), else 0
 */
public record SetResponse(int kind, int invokeId, List<Integer> results, long blockNumber) {

    public static final int NORMAL = 1;
    public static final int DATABLOCK = 2;
    public static final int LAST_DATABLOCK = 3;
    public static final int LAST_DATABLOCK_WITH_LIST = 4;
    public static final int WITH_LIST = 5;

    public SetResponse {
        results = List.copyOf(results);
    }

    /** Set-Response-Normal. */
    public SetResponse(int invokeId, int result) {
        this(NORMAL, invokeId, List.of(result), 0);
    }

    /** The (first) result; -1 for a datablock acknowledgement, which carries none. */
    public int result() {
        return results.isEmpty() ? -1 : results.get(0);
    }

    public byte[] encode() {
        AxdrWriter w = new AxdrWriter().u8(ApduTag.SET_RESPONSE).u8(kind).u8(invokeId);
        switch (kind) {
            case NORMAL -> w.u8(results.get(0));
            case DATABLOCK -> w.u32(blockNumber);
            case LAST_DATABLOCK -> w.u8(results.get(0)).u32(blockNumber);
            case LAST_DATABLOCK_WITH_LIST -> {
                w.length(results.size());
                results.forEach(w::u8);
                w.u32(blockNumber);
            }
            case WITH_LIST -> {
                w.length(results.size());
                results.forEach(w::u8);
            }
            default -> throw new IllegalArgumentException("set-response choice " + kind);
        }
        return w.toByteArray();
    }

    public static SetResponse decode(byte[] apdu) {
        AxdrReader r = new AxdrReader(apdu);
        if (r.u8("APDU tag") != ApduTag.SET_RESPONSE) {
            throw new DecodeException("not a set-response", 0);
        }
        int kind = r.u8("set-response choice");
        int invoke = r.u8("invoke-id");
        return switch (kind) {
            case NORMAL -> new SetResponse(invoke, r.u8("result"));
            case DATABLOCK -> new SetResponse(kind, invoke, List.of(), r.u32("block-number"));
            case LAST_DATABLOCK -> {
                int result = r.u8("result");
                yield new SetResponse(kind, invoke, List.of(result), r.u32("block-number"));
            }
            case LAST_DATABLOCK_WITH_LIST -> {
                List<Integer> results = results(r);
                yield new SetResponse(kind, invoke, results, r.u32("block-number"));
            }
            case WITH_LIST -> new SetResponse(kind, invoke, results(r), 0);
            default -> throw new DecodeException("set-response choice " + kind + " is not defined", 1);
        };
    }

    private static List<Integer> results(AxdrReader r) {
        int n = r.length("result list");
        if (n > r.remaining()) {
            throw new DecodeException("result list of " + n + " does not fit in the APDU", r.offset());
        }
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(r.u8("data-access-result"));
        }
        return out;
    }
}
