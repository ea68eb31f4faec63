package io.meterflow.dlms.apdu;

/** RLRQ and RLRE, the association release request and response, with reason "normal". */
public final class Release {

    private Release() {
    }

    public static byte[] request() {
        return new byte[] {(byte) ApduTag.RLRQ, 0x03, (byte) 0x80, 0x01, 0x00};
    }

    public static byte[] response() {
        return new byte[] {(byte) ApduTag.RLRE, 0x03, (byte) 0x80, 0x01, 0x00};
    }
}
