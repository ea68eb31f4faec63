package io.meterflow.dlms.apdu;

/** Conformance block bits (IEC 62056-5-3), numbered as the standard does: bit 0 is the MSB. */
public final class Conformance {

    public static final int GENERAL_PROTECTION = 1 << (23 - 1);
    public static final int GENERAL_BLOCK_TRANSFER = 1 << (23 - 2);
    public static final int BLOCK_TRANSFER_WITH_GET = 1 << (23 - 11);
    public static final int BLOCK_TRANSFER_WITH_SET = 1 << (23 - 12);
    public static final int BLOCK_TRANSFER_WITH_ACTION = 1 << (23 - 13);
    public static final int MULTIPLE_REFERENCES = 1 << (23 - 14);
    public static final int DATA_NOTIFICATION = 1 << (23 - 16);
    public static final int GET = 1 << (23 - 19);
    public static final int SET = 1 << (23 - 20);
    public static final int SELECTIVE_ACCESS = 1 << (23 - 21);
    public static final int EVENT_NOTIFICATION = 1 << (23 - 22);
    public static final int ACTION = 1 << (23 - 23);

    /** What Meterflow's client asks for and its simulator offers. */
    public static final int DEFAULT = BLOCK_TRANSFER_WITH_GET | BLOCK_TRANSFER_WITH_SET | BLOCK_TRANSFER_WITH_ACTION
            | MULTIPLE_REFERENCES | GET | SET | SELECTIVE_ACCESS | ACTION;

    private Conformance() {
    }
}
