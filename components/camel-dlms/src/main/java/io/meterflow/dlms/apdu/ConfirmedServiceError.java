package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.model.DecodeException;

/**
 * ConfirmedServiceError (IEC 62056-5-3): the service that failed (1 initiateError, 2 getStatus,
 * 5 read, 6 write, ...), the kind of error (0 application-reference, 1 hardware-resource,
 * 2 vde-state-error, 3 service, 4 definition, 5 access, 6 initiate, ...) and its value.
 */
public record ConfirmedServiceError(int service, int errorType, int value) {

    public byte[] encode() {
        return new AxdrWriter().u8(ApduTag.CONFIRMED_SERVICE_ERROR).u8(service).u8(errorType).u8(value).toByteArray();
    }

    public static ConfirmedServiceError decode(byte[] apdu) {
        AxdrReader r = new AxdrReader(apdu);
        if (r.u8("APDU tag") != ApduTag.CONFIRMED_SERVICE_ERROR) {
            throw new DecodeException("not a confirmed-service-error", 0);
        }
        return new ConfirmedServiceError(r.u8("service"), r.u8("error type"), r.u8("error value"));
    }
}
