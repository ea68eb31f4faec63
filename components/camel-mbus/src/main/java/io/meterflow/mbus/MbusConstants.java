package io.meterflow.mbus;

/** Message headers the M-Bus data formats and the {@code mbus} component read and set. */
public final class MbusConstants {

    /** In: the meter's AES-128 key as hex (wireless data format); overrides the data format's {@code key}. */
    public static final String KEY = "CamelMbusKey";
    /** Out: the decoded device's lookup key, {@link io.meterflow.model.DeviceId#key()}. */
    public static final String DEVICE_KEY = "CamelMbusDeviceKey";
    /** Out: the number of readings of the decoded telegram. */
    public static final String READING_COUNT = "CamelMbusReadingCount";
    /** Out (component): the primary address that was read. */
    public static final String PRIMARY_ADDRESS = "CamelMbusPrimaryAddress";
    /** Out (component): the secondary address that was read, 16 hex digits. */
    public static final String SECONDARY_ADDRESS = "CamelMbusSecondaryAddress";
    /** Out (component): the number of telegrams of a multi-telegram readout. */
    public static final String TELEGRAM_COUNT = "CamelMbusTelegramCount";
    /** In (component): overrides the endpoint's {@code operation} for one exchange, {@code read} or {@code scan}. */
    public static final String OPERATION = "CamelMbusOperation";

    private MbusConstants() {
    }
}
