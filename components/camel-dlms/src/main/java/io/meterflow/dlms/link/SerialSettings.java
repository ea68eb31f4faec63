package io.meterflow.dlms.link;

/**
 * A serial line: port name and character format. DLMS meters with HDLC on an RS-485 or optical
 * port mostly use 8 data bits, no parity, 1 stop bit (IEC 62056-46 with the -21 mode E start at
 * 300 baud and then 9600, or directly 9600 and above).
 *
 * @param portName  /dev/ttyUSB0, COM3, ...
 * @param baudRate  bits per second
 * @param dataBits  5 to 8
 * @param parity    none, odd, even, mark or space
 * @param stopBits  1, 1.5 or 2 (as text: "1", "1.5", "2")
 */
public record SerialSettings(String portName, int baudRate, int dataBits, String parity, String stopBits) {

    public SerialSettings {
        if (portName == null || portName.isBlank()) {
            throw new IllegalArgumentException("a serial port name is needed, e.g. /dev/ttyUSB0 or COM3");
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("dataBits must be 5 to 8 but was " + dataBits);
        }
        if (!java.util.Set.of("none", "odd", "even", "mark", "space").contains(parity)) {
            throw new IllegalArgumentException("parity must be none, odd, even, mark or space but was " + parity);
        }
        if (!java.util.Set.of("1", "1.5", "2").contains(stopBits)) {
            throw new IllegalArgumentException("stopBits must be 1, 1.5 or 2 but was " + stopBits);
        }
        if (baudRate <= 0) {
            throw new IllegalArgumentException("baudRate must be positive but was " + baudRate);
        }
    }

    public static SerialSettings of(String portName) {
        return new SerialSettings(portName, 9600, 8, "none", "1");
    }
}
