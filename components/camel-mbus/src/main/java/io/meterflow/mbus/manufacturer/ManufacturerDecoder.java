package io.meterflow.mbus.manufacturer;

import io.meterflow.mbus.codec.DataRecord;
import io.meterflow.mbus.codec.SecondaryAddress;
import io.meterflow.model.Reading;
import java.util.List;

/**
 * Reads values a meter sends in a layout only its manufacturer defines: a whole application
 * payload that is not EN 13757-3 records, or the data of a manufacturer-specific record (VIF
 * 0x7F/0xFF, DIF 0x0F). Each implementation is named after the device and says in its comment
 * which bytes mean what and where that is documented.
 *
 * <p>Readings use registers {@code mfr/<device>/<quantity>} and canonical units. Implementations
 * must check every length before use and throw nothing but {@link io.meterflow.model.DecodeException}.
 */
public interface ManufacturerDecoder {

    /** Short device name used in the register keys, e.g. {@code bfw240radio}. */
    String name();

    /** Whether this decoder reads telegrams of the meter with this address. */
    boolean appliesTo(SecondaryAddress address);

    /** Where a decoder's bytes are. */
    enum Scope {
        /** In the EN 13757-3 records: manufacturer data (DIF 0x0F) or records with VIF 0xFF. */
        RECORDS,
        /** The whole payload after the transport header, which is not records at all. */
        PAYLOAD,
        /** A manufacturer-specific application layer (CI 0xA0-0xB7); the decoder gets the bytes from the CI on. */
        APPLICATION_LAYER
    }

    /** Where this decoder reads; {@link Scope#RECORDS} unless it says otherwise. */
    default Scope scope() {
        return Scope.RECORDS;
    }

    /**
     * @param address the meter (the one {@link #appliesTo} accepted)
     * @param data    the telegram, decrypted
     * @param from    first byte of the application data (after the transport header)
     * @param to      end of the application data (exclusive)
     * @param records the EN 13757-3 records parsed from it (empty unless the scope is {@link Scope#RECORDS})
     * @return the readings found in the manufacturer-specific part; never null
     */
    List<Reading> decode(SecondaryAddress address, byte[] data, int from, int to, List<DataRecord> records);

    /**
     * As {@link #decode(SecondaryAddress, byte[], int, int, List)}, for layouts with their own
     * encryption: {@code key} is the meter's AES-128 key or null.
     */
    default List<Reading> decode(SecondaryAddress address, byte[] data, int from, int to, List<DataRecord> records,
                                 byte[] key) {
        return decode(address, data, from, to, records);
    }
}
