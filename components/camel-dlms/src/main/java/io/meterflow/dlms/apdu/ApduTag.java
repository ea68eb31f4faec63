package io.meterflow.dlms.apdu;

/** First-byte tags of the xDLMS and ACSE APDUs (IEC 62056-5-3 8.x, the COSEMpdu CHOICE). */
public final class ApduTag {

    public static final int CONFIRMED_SERVICE_ERROR = 0x0E;
    public static final int DATA_NOTIFICATION = 0x0F;
    public static final int INITIATE_REQUEST = 0x01;
    public static final int INITIATE_RESPONSE = 0x08;
    public static final int GLO_INITIATE_REQUEST = 0x21;
    public static final int GLO_INITIATE_RESPONSE = 0x28;
    public static final int AARQ = 0x60;
    public static final int AARE = 0x61;
    public static final int RLRQ = 0x62;
    public static final int RLRE = 0x63;
    public static final int GET_REQUEST = 0xC0;
    public static final int SET_REQUEST = 0xC1;
    public static final int EVENT_NOTIFICATION = 0xC2;
    public static final int ACTION_REQUEST = 0xC3;
    public static final int GET_RESPONSE = 0xC4;
    public static final int SET_RESPONSE = 0xC5;
    public static final int ACTION_RESPONSE = 0xC7;
    public static final int GLO_GET_REQUEST = 0xC8;
    public static final int GLO_SET_REQUEST = 0xC9;
    public static final int GLO_EVENT_NOTIFICATION = 0xCA;
    public static final int GLO_ACTION_REQUEST = 0xCB;
    public static final int GLO_GET_RESPONSE = 0xCC;
    public static final int GLO_SET_RESPONSE = 0xCD;
    public static final int GLO_ACTION_RESPONSE = 0xCF;
    public static final int DED_GET_REQUEST = 0xD0;
    public static final int DED_SET_REQUEST = 0xD1;
    public static final int DED_EVENT_NOTIFICATION = 0xD2;
    public static final int DED_ACTION_REQUEST = 0xD3;
    public static final int DED_GET_RESPONSE = 0xD4;
    public static final int DED_SET_RESPONSE = 0xD5;
    public static final int DED_ACTION_RESPONSE = 0xD7;
    public static final int EXCEPTION_RESPONSE = 0xD8;
    public static final int GENERAL_GLO_CIPHERING = 0xDB;
    public static final int GENERAL_DED_CIPHERING = 0xDC;
    public static final int GENERAL_BLOCK_TRANSFER = 0xE0;

    private ApduTag() {
    }

    /** True for the service-specific ciphered tags (glo-* and ded-*), which carry no system title. */
    public static boolean isServiceSpecificCiphered(int tag) {
        return tag == GLO_INITIATE_REQUEST || tag == GLO_INITIATE_RESPONSE || (tag >= 0xC8 && tag <= 0xD7 && tag != 0xCE
                && tag != 0xD6);
    }

    /** The plain tag a service-specific ciphered tag protects (glo-get-request -> get-request). */
    public static int plainOf(int cipheredTag) {
        if (cipheredTag == GLO_INITIATE_REQUEST) {
            return INITIATE_REQUEST;
        }
        if (cipheredTag == GLO_INITIATE_RESPONSE) {
            return INITIATE_RESPONSE;
        }
        if (cipheredTag >= 0xD0) {
            return cipheredTag - 0x10;
        }
        return cipheredTag - 0x08;
    }

    /** The glo- (or ded-) ciphered tag for a plain tag. */
    public static int cipheredOf(int plainTag, boolean dedicated) {
        if (plainTag == INITIATE_REQUEST) {
            return GLO_INITIATE_REQUEST;
        }
        if (plainTag == INITIATE_RESPONSE) {
            return GLO_INITIATE_RESPONSE;
        }
        return plainTag + (dedicated ? 0x10 : 0x08);
    }

    public static String name(int tag) {
        return switch (tag) {
            case CONFIRMED_SERVICE_ERROR -> "confirmed-service-error";
            case DATA_NOTIFICATION -> "data-notification";
            case AARQ -> "AARQ";
            case AARE -> "AARE";
            case RLRQ -> "RLRQ";
            case RLRE -> "RLRE";
            case GET_REQUEST -> "get-request";
            case SET_REQUEST -> "set-request";
            case EVENT_NOTIFICATION -> "event-notification-request";
            case ACTION_REQUEST -> "action-request";
            case GET_RESPONSE -> "get-response";
            case SET_RESPONSE -> "set-response";
            case ACTION_RESPONSE -> "action-response";
            case EXCEPTION_RESPONSE -> "exception-response";
            case GENERAL_GLO_CIPHERING -> "general-glo-ciphering";
            case GENERAL_DED_CIPHERING -> "general-ded-ciphering";
            case GENERAL_BLOCK_TRANSFER -> "general-block-transfer";
            default -> isServiceSpecificCiphered(tag) ? "ciphered " + name(plainOf(tag)) : String.format("tag 0x%02X", tag);
        };
    }
}
