package io.meterflow.dlms.push;

import io.meterflow.model.ObisCode;
import io.meterflow.model.Unit;

import java.util.List;
import java.util.Map;

/**
 * How to read the pushes of one meter type that do not describe themselves fully. Written as a
 * YAML file (see {@link PushLayouts}), so that a new meter type is a new file, not code.
 *
 * <p>{@code positions} names the values of a list that carries only values: position (0-based,
 * in the notification body) to OBIS code, unit and scaler. {@code registers} gives the unit and
 * scaler of registers in lists that carry OBIS codes but no scaler_unit (Kaifa, Kamstrup).
 *
 * @param name         layout name, e.g. {@code kaifa-ma304}
 * @param manufacturer three-letter FLAG code of the manufacturer, or null
 * @param listId       the list identifier the body starts with (e.g. {@code KFM_001}), or null for any
 * @param elements     number of elements in the body, or null for any
 * @param deviceNamePrefix start of the logical device name (its FLAG code, e.g. {@code LGZ}), or null for any
 * @param registers    unit and scaler by OBIS code
 * @param positions    values by position
 */
public record PushLayout(String name, String manufacturer, String listId, Integer elements,
                         String deviceNamePrefix, Map<ObisCode, Register> registers, List<Position> positions) {

    public PushLayout {
        registers = registers == null ? Map.of() : Map.copyOf(registers);
        positions = positions == null ? List.of() : List.copyOf(positions);
    }

    /** What a value is to the head-end. */
    public enum Role {
        /** A register value: becomes a reading. */
        VALUE,
        /** The meter's serial number / meter id. */
        SERIAL,
        /** The COSEM logical device name. */
        LOGICAL_DEVICE_NAME,
        /** The list version identifier. */
        LIST_ID,
        /** The meter type text. */
        METER_TYPE,
        /** The meter's clock. */
        CLOCK,
        /** Not used. */
        IGNORE
    }

    /** Unit and scaler of a register whose push carries no scaler_unit. */
    public record Register(Unit unit, int scaler) {
    }

    /** One value of a value-only list. */
    public record Position(int index, ObisCode obis, Unit unit, int scaler, Role role) {
    }

    /** True when this layout names values by position. */
    public boolean positional() {
        return !positions.isEmpty();
    }

    public Position position(int index) {
        for (Position p : positions) {
            if (p.index() == index) {
                return p;
            }
        }
        return null;
    }

    /** How closely this layout fits a body: -1 not at all, higher is more specific. */
    int fit(String bodyListId, int bodyElements, boolean hasObis, String deviceName) {
        // positions name value-only lists; register tables complete lists with OBIS codes
        if (hasObis ? positional() && registers.isEmpty() : !positional()) {
            return -1;
        }
        if (listId != null && !listId.equals(bodyListId)) {
            return -1;
        }
        if (elements != null && elements != bodyElements) {
            return -1;
        }
        if (deviceNamePrefix != null && (deviceName == null || !deviceName.startsWith(deviceNamePrefix))) {
            return -1;
        }
        if (listId == null && elements == null && deviceNamePrefix == null) {
            return -1;
        }
        return (listId != null ? 2 : 0) + (deviceNamePrefix != null ? 2 : 0) + (elements != null ? 1 : 0);
    }
}
