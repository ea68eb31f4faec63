package io.meterflow.dlms.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.openmuc.jrxtx.DataBits;
import org.openmuc.jrxtx.FlowControl;
import org.openmuc.jrxtx.Parity;
import org.openmuc.jrxtx.SerialPort;
import org.openmuc.jrxtx.SerialPortBuilder;
import org.openmuc.jrxtx.StopBits;

/**
 * A serial port through jRxTx (which needs the native RXTX library of the platform at run time).
 * A read that gets nothing within the timeout fails with an {@code IOException}, as a socket read does.
 */
public class SerialLink implements ByteLink {

    private final SerialSettings settings;
    private final int timeoutMillis;
    private SerialPort port;

    /** @param timeoutMillis read timeout; 0 blocks until data arrives (push listeners) */
    public SerialLink(SerialSettings settings, int timeoutMillis) {
        this.settings = settings;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void open() throws IOException {
        port = SerialPortBuilder.newBuilder(settings.portName())
                .setBaudRate(settings.baudRate())
                .setDataBits(dataBits(settings.dataBits()))
                .setParity(Parity.valueOf(settings.parity().toUpperCase(java.util.Locale.ROOT)))
                .setStopBits(stopBits(settings.stopBits()))
                .setFlowControl(FlowControl.NONE)
                .build();
        port.setSerialPortTimeout(timeoutMillis);
    }

    private static DataBits dataBits(int n) {
        return switch (n) {
            case 5 -> DataBits.DATABITS_5;
            case 6 -> DataBits.DATABITS_6;
            case 7 -> DataBits.DATABITS_7;
            default -> DataBits.DATABITS_8;
        };
    }

    private static StopBits stopBits(String s) {
        return switch (s) {
            case "1.5" -> StopBits.STOPBITS_1_5;
            case "2" -> StopBits.STOPBITS_2;
            default -> StopBits.STOPBITS_1;
        };
    }

    @Override
    public InputStream input() throws IOException {
        return port.getInputStream();
    }

    @Override
    public OutputStream output() throws IOException {
        return port.getOutputStream();
    }

    @Override
    public boolean isClosed() {
        return port == null || port.isClosed();
    }

    @Override
    public String describe() {
        return settings.portName() + "@" + settings.baudRate();
    }

    @Override
    public void close() throws IOException {
        if (port != null && !port.isClosed()) {
            port.close();
        }
    }
}
