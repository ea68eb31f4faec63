package io.meterflow.dlms.apdu;

import io.meterflow.dlms.axdr.AxdrReader;
import io.meterflow.dlms.axdr.AxdrWriter;
import io.meterflow.model.DecodeException;

/**
 * Exception-Response: the server could not handle the request at all. State error 1
 * service-not-allowed, 2 service-unknown; service error 1 operation-not-possible,
 * 2 service-not-supported, 3 other-reason, 5 decipher-error, 6 invocation-counter-error.
 */
public record ExceptionResponse(int stateError, int serviceError) {

    public byte[] encode() {
        return new AxdrWriter().u8(ApduTag.EXCEPTION_RESPONSE).u8(stateError).u8(serviceError).toByteArray();
    }

    public static ExceptionResponse decode(byte[] apdu) {
        AxdrReader r = new AxdrReader(apdu);
        if (r.u8("APDU tag") != ApduTag.EXCEPTION_RESPONSE) {
            throw new DecodeException("not an exception-response", 0);
        }
        return new ExceptionResponse(r.u8("state-error"), r.u8("service-error"));
    }
}
