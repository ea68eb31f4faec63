package io.meterflow.iec62056.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.openmuc.jrxtx.DataBits;
import org.openmuc.jrxtx.Parity;
import org.openmuc.jrxtx.SerialPort;
import org.openmuc.jrxtx.SerialPortBuilder;
import org.openmuc.jrxtx.StopBits;

/**
 * An optical probe or RS-485 adapter on a local serial port, through jRxTx (the serial layer
 * j62056 is built on). IEC 62056-21 lines run 7 data bits, even parity, one stop bit, and start at
 * 300 Bd.
 */
public class SerialLink implements Link {

    private final SerialPort port;

    public SerialLink(String portName, int initialBaud) throws IOException {
        port = SerialPortBuilder.newBuilder(portName).setBaudRate(initialBaud)
                .setDataBits(DataBits.DATABITS_7).setParity(Parity.EVEN).setStopBits(StopBits.STOPBITS_1).build();
    }

    /** A P1 port: 115200 Bd 8N1 for DSMR 4 and later, 9600 Bd 7E1 for DSMR 2.2 and 3. */
    public static SerialLink p1(String portName, int baud) throws IOException {
        return new SerialLink(SerialPortBuilder.newBuilder(portName).setBaudRate(baud)
                .setDataBits(baud >= 115200 ? DataBits.DATABITS_8 : DataBits.DATABITS_7)
                .setParity(baud >= 115200 ? Parity.NONE : Parity.EVEN).setStopBits(StopBits.STOPBITS_1).build());
    }

    private SerialLink(SerialPort port) {
        this.port = port;
    }

    @Override
    public InputStream in() throws IOException {
        return port.getInputStream();
    }

    @Override
    public OutputStream out() throws IOException {
        return port.getOutputStream();
    }

    @Override
    public void baudRate(int baud) throws IOException {
        port.setBaudRate(baud);
    }

    @Override
    public void readTimeout(int millis) throws IOException {
        port.setSerialPortTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        port.close();
    }
}
