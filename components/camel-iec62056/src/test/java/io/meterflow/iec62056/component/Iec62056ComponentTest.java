package io.meterflow.iec62056.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.meterflow.iec62056.TestData;
import io.meterflow.iec62056.protocol.MeterSimulator;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Iec62056ComponentTest extends CamelTestSupport {

    /** The data lines of the Landis+Gyr E360 mode D readout of the amshan conformance set. */
    private static final String E360 = e360Lines();

    private MeterSimulator meter;
    private ServerSocket dongle;

    private static String e360Lines() {
        JsonNode c = TestData.records("amshan.jsonl").get(0);
        String text = c.get("input_text").asText();
        return text.substring(text.indexOf("0-0:1.0.0"), text.indexOf("!"));
    }

    @Override
    protected void doPreSetup() throws Exception {
        meter = new MeterSimulator("LGF5E360", "42", "pw", E360);
        dongle = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serveTelegrams, "p1-dongle");
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void closeServers() throws Exception {
        meter.close();
        dongle.close();
    }

    /** A P1 dongle: on connect, two real DSMR telegrams, one with a broken CRC, then one more. */
    private void serveTelegrams() {
        List<JsonNode> dsmr = TestData.records("dsmr_parser.jsonl");
        String v5 = dsmr.get(1).get("input_text").asText();
        String fluvius = dsmr.get(2).get("input_text").asText();
        String broken = v5.replace("000004.426", "000004.427");
        try (Socket s = dongle.accept(); OutputStream out = s.getOutputStream()) {
            // a reader that joins halfway first sees the tail of a telegram
            out.write(("72.7.0(0229.0*V)\r\n!1234\r\n" + v5 + broken + fluvius).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread.sleep(5000);
        } catch (Exception e) {
            // test over
        }
    }

    private String meterUri(String options) {
        return "iec62056:tcp://127.0.0.1:" + meter.port() + "?address=42&baudSwitchDelay=0&responseTimeout=1000" + options;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("iec62056:tcp://127.0.0.1:" + dongle.getLocalPort() + "?decode=true&reconnectDelay=60000")
                        .routeId("p1").to("mock:p1");
            }
        };
    }

    @Test
    void producerReadsOutTheMeter() {
        Telegram t = template.requestBody(meterUri(""), null, Telegram.class);
        assertThat(t.protocol()).isEqualTo("iec62056-21");
        assertThat(t.device().manufacturer()).isEqualTo("LGF");
        assertThat(t.meterTime()).isEqualTo(Instant.parse("2021-02-22T15:19:00Z"));
        assertThat(t.readings()).hasSize(26);
        Reading reactive = t.readings().stream().filter(r -> r.register().equals("1-0:3.8.0*255")).findFirst().orElseThrow();
        assertThat(reactive.value()).isEqualTo(new BigDecimal("518309.000"));
        assertThat(reactive.unit()).isEqualTo(Unit.VAR_HOUR);
    }

    @Test
    void producerReadsAndWritesSingleValues() {
        Telegram one = template.requestBodyAndHeaders(meterUri("&operation=read&password=pw"), null,
                Map.of(Iec62056Constants.REGISTER, "1-0:32.7.0"), Telegram.class);
        assertThat(one.readings()).singleElement().satisfies(r -> {
            assertThat(r.register()).isEqualTo("1-0:32.7.0*255");
            assertThat(r.value()).isEqualTo(new BigDecimal("230.1"));
        });
        template.sendBodyAndHeader(meterUri("&operation=write&password=pw&register=1-0:32.7.0"), "229.9*V",
                Iec62056Constants.OPERATION, "write");
        assertThat(meter.register("1-0:32.7.0")).isEqualTo("(229.9*V)");
    }

    @Test
    void wrongPasswordFailsTheExchange() {
        assertThatThrownBy(() -> template.requestBodyAndHeader(meterUri("&operation=read&password=nope"), null,
                Iec62056Constants.REGISTER, "1-0:32.7.0"))
                .isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("meter rejected the password (P1)");
    }

    @Test
    void modeEPointsToTheDlmsComponent() {
        assertThatThrownBy(() -> template.requestBody(meterUri("&mode=E"), (Object) ""))
                .isInstanceOf(CamelExecutionException.class)
                .rootCause().hasMessageContaining("camel-dlms");
    }

    @Test
    void consumerDeliversP1TelegramsAndSkipsTheBrokenOne() throws Exception {
        MockEndpoint p1 = getMockEndpoint("mock:p1");
        p1.expectedMessageCount(2);
        p1.assertIsSatisfied(5000);
        Telegram v5 = p1.getExchanges().get(0).getIn().getBody(Telegram.class);
        Telegram fluvius = p1.getExchanges().get(1).getIn().getBody(Telegram.class);
        assertThat(v5.meterTime()).isEqualTo(Instant.parse("2017-01-02T18:20:02Z"));
        assertThat(fluvius.device().serial()).isEqualTo("1SAG3101021605");
        assertThat(p1.getExchanges().get(0).getIn().getHeader(Iec62056Constants.PROTOCOL)).isEqualTo("p1");
    }
}
