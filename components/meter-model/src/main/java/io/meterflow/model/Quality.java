package io.meterflow.model;

/**
 * Flags that qualify a reading. A reading without flags is a plain, valid measurement; any flag
 * tells consumers (billing, validation, dashboards) to look closer before trusting the value.
 * Flags only describe what the meter or the operator said, Meterflow does not judge values.
 */
public enum Quality {
    /** The meter reported an error or a non-zero status together with this value. */
    METER_ERROR,
    /** The meter's clock was known to be wrong (not set, or flagged invalid) when it took the value. */
    CLOCK_INVALID,
    /** The meter's clock was set during the period this value covers, so the period is not its nominal length. */
    CLOCK_ADJUSTED,
    /** The timestamp was taken while the meter kept daylight-saving time. */
    DAYLIGHT_SAVING,
    /** The value was estimated or substituted rather than measured. */
    ESTIMATED,
    /** A counter wrapped around during the period, so differences across it need care. */
    OVERFLOW,
    /** The meter lost power during the period this value covers. */
    POWER_FAILURE,
    /** The meter reported a transient error; later values may be fine again. */
    TEMPORARY_ERROR,
    /** The meter reported an error that needs service on site. */
    PERMANENT_ERROR,
    /** The meter's battery was low when it sent the value; expect the meter to go silent. */
    LOW_BATTERY,
    /** Entered by a person or pushed through the API, not read from the meter. */
    MANUAL
}
