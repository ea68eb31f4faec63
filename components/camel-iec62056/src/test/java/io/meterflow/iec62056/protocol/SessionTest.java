package io.meterflow.iec62056.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meterflow.iec62056.readout.DataSet;
import io.meterflow.iec62056.readout.Identification;
import io.meterflow.iec62056.readout.Readout;
import io.meterflow.iec62056.readout.ReadoutDecoder;
import io.meterflow.iec62056.readout.ReadoutParser;
import io.meterflow.model.Telegram;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTest {

    /** The data of the Landis+Gyr E360 readout in the amshan conformance set, reduced to a few lines. */
    static final String E360 = "0-0:1.0.0(210222161900W)\r\n1-0:1.8.0(00000896.020*kWh)\r\n"
            + "1-0:2.8.0(00000048.792*kWh)\r\n1-0:32.7.0(230.1*V)\r\n";

    private MeterSimulator meter;

    @BeforeEach
    void start() throws Exception {
        meter = new MeterSimulator("LGZ5E360", "12345678", "secret", E360);
    }

    @AfterEach
    void stop() throws Exception {
        meter.close();
    }

    private TcpLink link() throws Exception {
        return new TcpLink("127.0.0.1", meter.port(), 1000);
    }

    private static SessionOptions fast() {
        return SessionOptions.defaults().withTimeouts(1000, 0);
    }

    @Test
    void modeCReadoutOverTcp() throws Exception {
        try (TcpLink link = link()) {
            Iec62056Session s = new Iec62056Session(link, fast().withAddress("12345678"));
            Identification id = s.signOn();
            assertThat(id.manufacturer()).isEqualTo("LGZ");
            assertThat(id.maxBaudRate()).isEqualTo(9600);
            String text = s.readout();
            Readout readout = ReadoutParser.parse(text);
            assertThat(readout.check()).isEqualTo(Readout.Check.BCC);
            Telegram t = new ReadoutDecoder().decode(text);
            assertThat(t.readings()).anyMatch(r -> r.register().equals("1-0:1.8.0*255")
                    && r.value().equals(new BigDecimal("896020.000")));
        }
    }

    @Test
    void programmingModeWithPasswordReadsAndWrites() throws Exception {
        try (TcpLink link = link()) {
            Iec62056Session s = new Iec62056Session(link, fast().withPassword("secret"));
            s.signOn();
            assertThat(s.programmingMode()).isEqualTo("12345678");
            DataSet v = s.read("1-0:1.8.0");
            assertThat(v.first().value()).isEqualTo("00000896.020");
            assertThat(v.first().unit()).isEqualTo("kWh");
            s.write("1-0:32.7.0", "231.0*V");
            assertThat(s.read("1-0:32.7.0").first().value()).isEqualTo("231.0");
            assertThatThrownBy(() -> s.read("9.9.9")).isInstanceOf(ProtocolException.class).hasMessageContaining("ERROR");
            s.signOff();
        }
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        try (TcpLink link = link()) {
            Iec62056Session s = new Iec62056Session(link, fast().withPassword("guess"));
            s.signOn();
            assertThatThrownBy(s::programmingMode).isInstanceOf(ProtocolException.class).hasMessageContaining("password");
        }
    }

    @Test
    void wrongAddressTimesOut() throws Exception {
        try (TcpLink link = link()) {
            Iec62056Session s = new Iec62056Session(link, SessionOptions.defaults().withTimeouts(200, 0).withAddress("999"));
            long start = System.nanoTime();
            assertThatThrownBy(s::signOn).isInstanceOf(ProtocolException.class).hasMessageContaining("within 200 ms");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
        }
    }

    @Test
    void wakeUpSequenceIsAccepted() throws Exception {
        try (TcpLink link = link()) {
            Iec62056Session s = new Iec62056Session(link, fast().withWakeUp(true, 65, 10));
            assertThat(s.signOn().identification()).isEqualTo("E360");
        }
    }

    @Test
    void modeAMeterSendsItsReadoutRightAway() throws Exception {
        try (MeterSimulator modeA = new MeterSimulator("ABC/X1", "", null, E360);
             TcpLink link = new TcpLink("127.0.0.1", modeA.port(), 1000)) {
            Iec62056Session s = new Iec62056Session(link, fast());
            s.signOn();
            assertThat(ReadoutParser.parse(s.readout()).dataSets()).hasSize(4);
        }
    }

    @Test
    void modeEIsNotReadOutHereAndNeedsAMeterThatAnnouncesIt() throws Exception {
        try (TcpLink link = link()) {
            Iec62056Session s = new Iec62056Session(link, fast().withMode(ProtocolMode.E));
            s.signOn();
            assertThatThrownBy(s::readout).isInstanceOf(UnsupportedModeException.class).hasMessageContaining("camel-dlms");
        }
        try (TcpLink link = link()) {
            Iec62056Session s = new Iec62056Session(link, fast().withMode(ProtocolMode.E));
            s.signOn();
            // The simulated E360 does not send the \2 of mode E.
            assertThatThrownBy(s::switchToHdlc).isInstanceOf(ProtocolException.class).hasMessageContaining("does not announce mode E");
        }
    }

    @Test
    void stepsOutOfOrderAreRefused() throws Exception {
        try (TcpLink link = link()) {
            Iec62056Session s = new Iec62056Session(link, fast());
            assertThatThrownBy(() -> s.read("1.8.0")).isInstanceOf(ProtocolException.class).hasMessageContaining("state NEW");
        }
    }
}
