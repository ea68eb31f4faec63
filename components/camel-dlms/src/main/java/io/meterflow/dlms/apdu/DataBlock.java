package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;

/**
 * DataBlock-SA of the SET and ACTION services with block transfer (IEC 62056-5-3): last-block,
 * block-number (from 1) and a slice of the encoded value(s).
 */
public record DataBlock(boolean lastBlock, long blockNumber, byte[] rawData) {

    static DataBlock read(AxdrReader r) {
        boolean last = r.u8("last-block") != 0;
        long number = r.u32("block-number");
        return new DataBlock(last, number, r.octetString("raw-data"));
    }

    void write(AxdrWriter w) {
        w.u8(lastBlock ? 1 : 0).u32(blockNumber).octetString(rawData);
    }

    /**
     * Cuts encoded data into blocks of at most {@code size} bytes, numbered from 1. Empty data
     * still makes one (last) block.
     */
    public static java.util.List<DataBlock> split(byte[] data, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("block size must be positive");
        }
        java.util.List<DataBlock> blocks = new java.util.ArrayList<>();
        int off = 0;
        long n = 1;
        do {
            int end = Math.min(data.length, off + size);
            blocks.add(new DataBlock(end == data.length, n++, java.util.Arrays.copyOfRange(data, off, end)));
            off = end;
        } while (off < data.length);
        return blocks;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataBlock b && b.lastBlock == lastBlock && b.blockNumber == blockNumber
                && java.util.Arrays.equals(b.rawData, rawData);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(blockNumber) * 31 + java.util.Arrays.hashCode(rawData);
    }

    @Override
    public String toString() {
        return "DataBlock[" + blockNumber + (lastBlock ? ", last" : "") + ", " + rawData.length + " bytes]";
    }
}
