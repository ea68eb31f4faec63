package io.meterflow.dlms.component;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterflow.dlms.SimulatedMeters;
import io.meterflow.dlms.TestData;
import io.meterflow.dlms.axdr.Hex;
import io.meterflow.dlms.client.Authentication;
import io.meterflow.dlms.link.MemoryLine;
import io.meterflow.dlms.link.SerialSettings;
import io.meterflow.dlms.server.MeterSimulator;
import io.meterflow.dlms.server.ServerSettings;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code dlms:serial:} endpoints with the serial port replaced by an in-memory line (no serial
 * hardware in the test run): polling the simulator and listening for HDLC pushes.
 */
class DlmsSerialComponentTest extends CamelTestSupport {

    private final MemoryLine pushLine = new MemoryLine(0);
    private final List<SerialSettings> opened = new CopyOnWriteArrayList<>();
    private final MeterSimulator meter = new MeterSimulator(new ServerSettings(Authentication.LOW,
            "secret12".getBytes(StandardCharsets.US_ASCII), false, ServerSettings.DEFAULT_SYSTEM_TITLE,
            SimulatedMeters.KEY, SimulatedMeters.AUTH_KEY, 512), SimulatedMeters.objects(), true);

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                getContext().getComponent("dlms", DlmsComponent.class).setSerialLinkFactory((settings, timeout) -> {
                    opened.add(settings);
                    if (settings.portName().equals("/dev/ttyPUSH")) {
                        return pushLine.headEnd();
                    }
                    // each poll opens the port anew: a fresh line with the meter listening on it
                    MemoryLine line = new MemoryLine(timeout);
                    Thread t = new Thread(() -> meter.serveHdlc(line.meterIn(), line.meterOut()), "serial-meter");
                    t.setDaemon(true);
                    t.start();
                    return line.headEnd();
                });
                from("dlms:serial:/dev/ttyPUSH?baudRate=115200").to("mock:serial");
            }
        };
    }

    @Test
    void pollsAMeterOnASerialPort() {
        Reading r = template.requestBody("dlms:serial:/dev/ttyMETER?baudRate=19200&parity=even&stopBits=2"
                + "&authentication=low&password=secret12&operation=get&obis=1-0:32.7.0*255", null, Reading.class);
        assertThat(r.register()).isEqualTo("1-0:32.7.0*255");
        assertThat(r.value()).isEqualByComparingTo("230.1");
        assertThat(r.unit()).isEqualTo(Unit.VOLT);
        SerialSettings s = opened.stream().filter(o -> o.portName().equals("/dev/ttyMETER")).findFirst().orElseThrow();
        assertThat(s).isEqualTo(new SerialSettings("/dev/ttyMETER", 19200, 8, "even", "2"));
        assertThat(opened).contains(new SerialSettings("/dev/ttyPUSH", 115200, 8, "none", "1"));
    }

    @Test
    void segmentedHdlcPushesOnASerialPortAreDecoded() throws Exception {
        JsonNode lg = TestData.dlms("smartmeter-datacollector.jsonl").stream()
                .filter(r -> r.get("id").asText().equals("smdc-lg_e450-unencrypted_valid_data_cfg2026"))
                .findFirst().orElseThrow();
        MockEndpoint mock = getMockEndpoint("mock:serial");
        mock.expectedMessageCount(1);
        OutputStream meterSide = pushLine.meterOut();
        // line noise before the first flag, as after plugging in an adapter
        meterSide.write(new byte[] {0x00, (byte) 0xFF, 0x13});
        for (JsonNode h : lg.get("hdlc_frames_hex")) {
            meterSide.write(Hex.parse(h.asText()));
        }
        mock.assertIsSatisfied(5000);
        Telegram t = mock.getExchanges().get(0).getIn().getBody(Telegram.class);
        assertThat(t.device().logicalDeviceName()).isEqualTo("LGZ1030653520967");
        assertThat(t.readings().stream().filter(x -> x.register().equals("1-0:31.7.0*255")).findFirst().orElseThrow()
                .value()).isEqualByComparingTo("0.09");
        assertThat(mock.getExchanges().get(0).getIn().getHeader(DlmsConstants.TRANSPORT)).isEqualTo("serial");
        assertThat(mock.getExchanges().get(0).getIn().getHeader(DlmsConstants.REMOTE_ADDRESS)).isEqualTo("/dev/ttyPUSH");
    }

    @Test
    void badSerialOptionsAreRejectedWhenTheEndpointIsCreated() {
        assertThatThrownBy(() -> context.getEndpoint("dlms:serial:/dev/ttyS0?parity=maybe"))
                .hasRootCauseMessage("parity must be none, odd, even, mark or space but was maybe");
        assertThatThrownBy(() -> context.getEndpoint("dlms:serial:?baudRate=9600"))
                .hasMessageContaining("port name");
    }
}
