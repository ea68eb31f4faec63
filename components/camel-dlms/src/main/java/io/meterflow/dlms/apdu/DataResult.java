package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.dlms.axdr.DlmsData;

/**
 * Get-Data-Result: data, or a Data-Access-Result code (Blue Book: 0 success, 1 hardware-fault,
 * 2 temporary-failure, 3 read-write-denied, 4 object-undefined, 9 object-class-inconsistent,
 * 11 object-unavailable, 12 type-unmatched, 13 scope-of-access-violated, 14 data-block-unavailable,
 * 15 long-get-aborted, 16 no-long-get-in-progress, ..., 250 other-reason).
 *
 * @param data         the value, or null when {@code accessResult} is set
 * @param accessResult the error, or 0 with data
 */
public record DataResult(DlmsData data, int accessResult) {

    public static final int SUCCESS = 0;
    public static final int READ_WRITE_DENIED = 3;
    public static final int OBJECT_UNDEFINED = 4;
    public static final int OBJECT_UNAVAILABLE = 11;
    public static final int TYPE_UNMATCHED = 12;
    public static final int OTHER_REASON = 250;

    public static DataResult of(DlmsData data) {
        return new DataResult(data, SUCCESS);
    }

    public static DataResult error(int accessResult) {
        return new DataResult(null, accessResult);
    }

    public boolean ok() {
        return data != null;
    }

    static DataResult read(AxdrReader r) {
        int choice = r.u8("get-data-result");
        return choice == 0 ? of(r.data()) : error(r.u8("data-access-result"));
    }

    void write(AxdrWriter w) {
        if (data != null) {
            w.u8(0).data(data);
        } else {
            w.u8(1).u8(accessResult);
        }
    }
}
