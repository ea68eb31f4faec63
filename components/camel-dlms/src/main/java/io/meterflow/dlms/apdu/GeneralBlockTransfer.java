package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.model.DecodeException;

/**
 * General-Block-Transfer (IEC 62056-5-3 9.3.x, tag 0xE0): block-control (last-block bit 0x80,
 * streaming bit 0x40, window size), block-number, block-number-ack and a block of the APDU that
 * is being transferred. L+G meters send their pushes this way, one block per HDLC frame.
 */
public record GeneralBlockTransfer(boolean lastBlock, boolean streaming, int windowSize, int blockNumber,
                                   int blockNumberAck, byte[] blockData) {

    public static GeneralBlockTransfer decode(byte[] apdu, int base) {
        AxdrReader r = new AxdrReader(apdu, 0, apdu.length, base);
        int tag = r.u8("APDU tag");
        if (tag != ApduTag.GENERAL_BLOCK_TRANSFER) {
            throw new DecodeException("expected general-block-transfer but found " + ApduTag.name(tag), base);
        }
        int control = r.u8("block-control");
        int number = r.u16("block-number");
        int ack = r.u16("block-number-ack");
        int at = r.offset();
        int length = r.length("block-data");
        if (length != r.remaining()) {
            throw new DecodeException("block-data length says " + length + " bytes but " + r.remaining() + " follow", at);
        }
        return new GeneralBlockTransfer((control & 0x80) != 0, (control & 0x40) != 0, control & 0x3F, number, ack,
                r.rest());
    }

    public byte[] encode() {
        int control = (lastBlock ? 0x80 : 0) | (streaming ? 0x40 : 0) | (windowSize & 0x3F);
        return new AxdrWriter().u8(ApduTag.GENERAL_BLOCK_TRANSFER).u8(control).u16(blockNumber).u16(blockNumberAck)
                .octetString(blockData).toByteArray();
    }
}
