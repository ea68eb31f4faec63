package io.meterflow.hub.loadgen;

import java.time.Clock;
import java.util.HexFormat;

import io.meterflow.dlms.axdr.DataType;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.axdr.DlmsUnit;
import io.meterflow.dlms.axdr.ScalerUnit;
import io.meterflow.dlms.client.Authentication;
import io.meterflow.dlms.server.CosemObjects;
import io.meterflow.dlms.server.MeterSimulator;
import io.meterflow.dlms.server.ServerSettings;
import io.meterflow.model.ObisCode;

/**
 * One meter of the load: a DLMS meter that pushes self-describing data-notifications with
 * {@code registers} energy registers whose values rise with every push, general-glo-ciphered with
 * its own system title and the load's key when asked to.
 */
final class SimulatedMeter {

    private final String systemTitle;
    private final CosemObjects objects;
    private final MeterSimulator simulator;
    private final int registers;
    private long pushes;

    SimulatedMeter(byte[] systemTitle, byte[] key, int registers) {
        this.systemTitle = HexFormat.of().withUpperCase().formatHex(systemTitle);
        this.objects = new CosemObjects(Clock.systemUTC(), 0);
        this.registers = registers;
        this.simulator = new MeterSimulator(new ServerSettings(Authentication.NONE, null, false, systemTitle, key, key, 0xFFFF),
                objects, false);
    }

    String deviceKey() {
        return "dlms:st:" + systemTitle;
    }

    /** The value of register 1-0:1.8.0 in the last push: unique per push, so its arrival can be watched for. */
    synchronized long lastEnergy() {
        return pushes * 10;
    }

    /** The next push, in a wrapper frame; its registers carry new values. */
    synchronized byte[] nextPush(boolean ciphered) {
        pushes++;
        for (int r = 0; r < registers; r++) {
            objects.register(ObisCode.of(1, 0, 1 + r, 8, 0, 255), DlmsData.integer(DataType.DOUBLE_LONG_UNSIGNED, pushes * 10 + r),
                    new ScalerUnit(0, DlmsUnit.WATT_HOUR));
        }
        return simulator.pushFrame(ciphered);
    }
}
