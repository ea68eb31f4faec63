package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.model.DecodeException;

import java.util.ArrayList;
import java.util.List;

/**
 * Get-Response (IEC 62056-5-3): normal, with-datablock (one block of a long response: the
 * A-XDR encoded result is cut into raw-data blocks) and with-list.
 *
 * @param kind        1 normal, 2 with-datablock, 3 with-list
 * @param invokeId    invoke-id-and-priority byte
 * @param results     results (normal: one; with-list: one per attribute)
 * @param lastBlock   with-datablock: this is the last block
 * @param blockNumber with-datablock: the block number
 * @param rawData     with-datablock: the block's bytes, or null if the block carries an error
 * @param blockError  with-datablock: data-access-result when rawData is null
 */
public record GetResponse(int kind, int invokeId, List<DataResult> results, boolean lastBlock, long blockNumber,
                          byte[] rawData, int blockError) {

    public static final int NORMAL = 1;
    public static final int WITH_DATABLOCK = 2;
    public static final int WITH_LIST = 3;

    public static GetResponse normal(int invokeId, DataResult result) {
        return new GetResponse(NORMAL, invokeId, List.of(result), false, 0, null, 0);
    }

    public static GetResponse block(int invokeId, boolean last, long blockNumber, byte[] raw) {
        return new GetResponse(WITH_DATABLOCK, invokeId, List.of(), last, blockNumber, raw, 0);
    }

    public static GetResponse blockError(int invokeId, long blockNumber, int error) {
        return new GetResponse(WITH_DATABLOCK, invokeId, List.of(), true, blockNumber, null, error);
    }

    public static GetResponse withList(int invokeId, List<DataResult> results) {
        return new GetResponse(WITH_LIST, invokeId, results, false, 0, null, 0);
    }

    public byte[] encode() {
        AxdrWriter w = new AxdrWriter().u8(ApduTag.GET_RESPONSE).u8(kind).u8(invokeId);
        switch (kind) {
            case NORMAL -> results.get(0).write(w);
            case WITH_DATABLOCK -> {
                w.u8(lastBlock ? 1 : 0).u32(blockNumber);
                if (rawData != null) {
                    w.u8(0).octetString(rawData);
                } else {
                    w.u8(1).u8(blockError);
                }
            }
            default -> {
                w.length(results.size());
                results.forEach(res -> res.write(w));
            }
        }
        return w.toByteArray();
    }

    public static GetResponse decode(byte[] apdu) {
        AxdrReader r = new AxdrReader(apdu);
        if (r.u8("APDU tag") != ApduTag.GET_RESPONSE) {
            throw new DecodeException("not a get-response", 0);
        }
        int kind = r.u8("get-response choice");
        int invoke = r.u8("invoke-id");
        return switch (kind) {
            case NORMAL -> normal(invoke, DataResult.read(r));
            case WITH_DATABLOCK -> {
                boolean last = r.u8("last-block") != 0;
                long number = r.u32("block-number");
                if (r.u8("raw-data choice") == 0) {
                    yield block(invoke, last, number, r.octetString("raw-data"));
                }
                yield blockError(invoke, number, r.u8("data-access-result"));
            }
            case WITH_LIST -> {
                int n = r.length("result list");
                if (n > r.remaining()) {
                    throw new DecodeException("get-response list of " + n + " but " + r.remaining() + " bytes left", 3);
                }
                List<DataResult> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(DataResult.read(r));
                }
                yield withList(invoke, list);
            }
            default -> throw new DecodeException("unknown get-response choice " + kind, 1);
        };
    }
}
