package io.meterflow.dlms;

import io.meterflow.dlms.apdu.AttributeDescriptor;
import io.meterflow.dlms.axdr.CosemDateTime;
import io.meterflow.dlms.axdr.DataType;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.axdr.DlmsUnit;
import io.meterflow.dlms.axdr.ScalerUnit;
import io.meterflow.dlms.server.CosemObjects;
import io.meterflow.model.ObisCode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The objects of the simulated meter the client and component tests talk to. */
public final class SimulatedMeters {

    public static final ObisCode ENERGY_IMPORT = ObisCode.of(1, 0, 1, 8, 0, 255);
    public static final ObisCode POWER_IMPORT = ObisCode.of(1, 0, 1, 7, 0, 255);
    public static final ObisCode VOLTAGE_L1 = ObisCode.of(1, 0, 32, 7, 0, 255);
    public static final ObisCode SERIAL = ObisCode.of(0, 0, 96, 1, 0, 255);
    public static final ObisCode LOAD_PROFILE = ObisCode.of(1, 0, 99, 1, 0, 255);
    /** First row of the load profile; rows follow every 15 minutes. */
    public static final Instant PROFILE_START = Instant.parse("2026-01-01T00:00:00Z");
    public static final int PROFILE_ROWS = 96;

    public static final byte[] KEY = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    public static final byte[] AUTH_KEY = "FEDCBA9876543210".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private SimulatedMeters() {
    }

    public static CosemObjects objects() {
        CosemObjects o = new CosemObjects(Clock.systemUTC(), -60);
        o.register(ENERGY_IMPORT, DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, 1234567),
                new ScalerUnit(1, DlmsUnit.WATT_HOUR));
        o.register(POWER_IMPORT, DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, 1500), new ScalerUnit(0, DlmsUnit.WATT));
        o.register(VOLTAGE_L1, DlmsData.integer(DataType.LONG_UNSIGNED, 2301), new ScalerUnit(-1, DlmsUnit.VOLT));
        o.data(SERIAL, DlmsData.visible("MTF0000001"));
        o.data(ObisCode.of(0, 0, 42, 0, 0, 255), DlmsData.octets("MTF0000000000001".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        List<List<DlmsData>> rows = new ArrayList<>();
        for (int i = 0; i < PROFILE_ROWS; i++) {
            Instant t = PROFILE_START.plusSeconds(900L * i);
            rows.add(List.of(DlmsData.dateTime(CosemDateTime.of(t.atOffset(ZoneOffset.UTC))),
                    DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, 100_000L + 25L * i)));
        }
        o.profile(LOAD_PROFILE, List.of(AttributeDescriptor.of(8, ObisCode.of(0, 0, 1, 0, 0, 255), 2),
                AttributeDescriptor.of(3, ENERGY_IMPORT, 2)), 900, rows);
        return o;
    }
}
