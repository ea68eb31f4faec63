package io.meterflow.dlms.component;

import io.meterflow.dlms.SimulatedMeters;
import io.meterflow.dlms.apdu.DataResult;
import io.meterflow.dlms.axdr.Hex;
import io.meterflow.dlms.client.Authentication;
import io.meterflow.dlms.server.MeterSimulator;
import io.meterflow.dlms.server.ServerSettings;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dlms component: push listener over UDP and TCP, and polling against the simulator. */
class DlmsComponentTest extends CamelTestSupport {

    private final int udpPort = AvailablePortFinder.getNextAvailable();
    private final int tcpPort = AvailablePortFinder.getNextAvailable();
    private final int hdlcPort = AvailablePortFinder.getNextAvailable();
    private final String keys = "&encryptionKey=" + Hex.of(SimulatedMeters.KEY) + "&authenticationKey="
            + Hex.of(SimulatedMeters.AUTH_KEY);
    private MeterSimulator meter;

    @AfterEach
    void stopMeter() {
        if (meter != null) {
            meter.close();
        }
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("dlms:udp://127.0.0.1:" + udpPort + "?decode=true" + keys).to("mock:telegrams");
                from("dlms:tcp://127.0.0.1:" + tcpPort + "?decode=false").to("mock:raw");
                from("dlms:hdlc://127.0.0.1:" + hdlcPort).to("mock:hdlc");
            }
        };
    }

    private int startMeter(Authentication auth, boolean ciphered, boolean hdlc) throws Exception {
        meter = new MeterSimulator(new ServerSettings(auth, "secret12".getBytes(StandardCharsets.US_ASCII), ciphered,
                ServerSettings.DEFAULT_SYSTEM_TITLE, SimulatedMeters.KEY, SimulatedMeters.AUTH_KEY, 512),
                SimulatedMeters.objects(), hdlc);
        return meter.start();
    }

    @Test
    void udpPushesBecomeTelegramsAndReplaysAreDropped() throws Exception {
        startMeter(Authentication.NONE, false, false);
        MockEndpoint mock = getMockEndpoint("mock:telegrams");
        mock.expectedMessageCount(1);
        byte[] frame = meter.pushFrame(true);
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(frame, frame.length, new InetSocketAddress("127.0.0.1", udpPort)));
            s.send(new DatagramPacket(frame, frame.length, new InetSocketAddress("127.0.0.1", udpPort)));
        }
        mock.assertIsSatisfied(5000);
        Thread.sleep(300);
        assertThat(mock.getReceivedCounter()).as("the replayed copy is rejected").isEqualTo(1);
        Telegram t = mock.getExchanges().get(0).getIn().getBody(Telegram.class);
        assertThat(t.device().systemTitle()).isEqualTo(Hex.of(ServerSettings.DEFAULT_SYSTEM_TITLE));
        assertThat(t.readings()).extracting(Reading::register).contains("1-0:1.8.0*255", "1-0:32.7.0*255");
        Reading energy = t.readings().stream().filter(r -> r.register().equals("1-0:1.8.0*255")).findFirst().orElseThrow();
        assertThat(energy.value()).isEqualByComparingTo("12345670");
        assertThat(energy.unit()).isEqualTo(Unit.WATT_HOUR);
        assertThat(mock.getExchanges().get(0).getIn().getHeader(DlmsConstants.TRANSPORT)).isEqualTo("udp");
    }

    @Test
    void tcpPushesArePassedOnRaw() throws Exception {
        startMeter(Authentication.NONE, false, false);
        MockEndpoint mock = getMockEndpoint("mock:raw");
        mock.expectedMessageCount(1);
        meter.pushTcp("127.0.0.1", tcpPort, false);
        mock.assertIsSatisfied(5000);
        byte[] raw = mock.getExchanges().get(0).getIn().getBody(byte[].class);
        assertThat(raw[0]).isEqualTo((byte) 0);
        assertThat(raw[1]).isEqualTo((byte) 1);
        assertThat(raw[8]).isEqualTo((byte) 0x0F);
    }

    @Test
    void segmentedHdlcPushesOverTcpAreJoinedAndDecoded() throws Exception {
        com.fasterxml.jackson.databind.JsonNode lg = io.meterflow.dlms.TestData.dlms("smartmeter-datacollector.jsonl")
                .stream().filter(r -> r.get("id").asText().equals("smdc-lg_e450-unencrypted_valid_data_cfg2026"))
                .findFirst().orElseThrow();
        com.fasterxml.jackson.databind.JsonNode iskra = io.meterflow.dlms.TestData.dlms("smartmeter-datacollector.jsonl")
                .stream().filter(r -> r.get("id").asText().equals("smdc-iskra_am550-unencrypted_valid_data_cfg2026"))
                .findFirst().orElseThrow();
        MockEndpoint mock = getMockEndpoint("mock:hdlc");
        mock.expectedMessageCount(2);
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", hdlcPort)) {
            for (com.fasterxml.jackson.databind.JsonNode h : lg.get("hdlc_frames_hex")) {
                s.getOutputStream().write(Hex.parse(h.asText()));
            }
            // the Iskra capture starts with the tail of a frame (7E A0) the reader must skip
            for (com.fasterxml.jackson.databind.JsonNode h : iskra.get("hdlc_frames_hex")) {
                s.getOutputStream().write(Hex.parse(h.asText()));
            }
            s.getOutputStream().flush();
            mock.assertIsSatisfied(5000);
        }
        Telegram t = mock.getExchanges().get(0).getIn().getBody(Telegram.class);
        assertThat(t.device().logicalDeviceName()).isEqualTo("LGZ1030653520967");
        assertThat(t.readings().stream().filter(r -> r.register().equals("1-0:31.7.0*255")).findFirst().orElseThrow()
                .value()).isEqualByComparingTo("0.09");
        assertThat(mock.getExchanges().get(0).getIn().getHeader(DlmsConstants.TRANSPORT)).isEqualTo("hdlc");
        Telegram second = mock.getExchanges().get(1).getIn().getBody(Telegram.class);
        assertThat(second.device().logicalDeviceName()).isEqualTo("ISK1030783821282");
        assertThat(second.readings().stream().filter(r -> r.register().equals("1-0:32.7.0*255")).findFirst()
                .orElseThrow().value()).isEqualByComparingTo("234.7");
    }

    @Test
    void getReadsAScaledRegisterWithLowLevelSecurity() throws Exception {
        int port = startMeter(Authentication.LOW, false, false);
        Reading r = template.requestBody("dlms:tcp://127.0.0.1:" + port
                + "?authentication=low&password=secret12&operation=get&obis=1-0:32.7.0*255", null, Reading.class);
        assertThat(r.register()).isEqualTo("1-0:32.7.0*255");
        assertThat(r.value()).isEqualByComparingTo("230.1");
        assertThat(r.unit()).isEqualTo(Unit.VOLT);
    }

    @Test
    @SuppressWarnings("unchecked")
    void getListOverHdlc() throws Exception {
        int port = startMeter(Authentication.NONE, false, true);
        List<DataResult> results = template.requestBody("dlms:hdlc://127.0.0.1:" + port
                + "?operation=get-list&obis=3/1-0:1.8.0*255/2,1/0-0:96.1.0*255/2", null, List.class);
        assertThat(results.get(0).data().longValue()).isEqualTo(1234567);
        assertThat(results.get(1).data().text()).isEqualTo("MTF0000001");
    }

    @Test
    void readProfileGivesTimestampedReadingsByBlockTransferWithCipheringAndHls() throws Exception {
        int port = startMeter(Authentication.HIGH_GMAC, true, false);
        Instant from = SimulatedMeters.PROFILE_START;
        Telegram t = template.requestBodyAndHeaders("dlms:tcp://127.0.0.1:" + port
                        + "?operation=read-profile&obis=1-0:99.1.0*255&authentication=high-gmac&ciphered=true&maxPduSize=256"
                        + "&systemTitle=4D54460000000002" + keys, null,
                Map.of(DlmsConstants.FROM, from, DlmsConstants.TO, from.plusSeconds(2 * 3600)), Telegram.class);
        assertThat(t.readings()).hasSize(9);
        assertThat(t.device().logicalDeviceName()).isEqualTo("MTF0000000000001");
        assertThat(t.readings().get(8).timestamp()).isEqualTo(from.plusSeconds(2 * 3600));
        assertThat(t.readings().get(8).value()).isEqualByComparingTo(String.valueOf((100_000 + 25 * 8) * 10));
        assertThat(t.readings().get(8).unit()).isEqualTo(Unit.WATT_HOUR);
    }

    @Test
    void aSilentMeterEndsTheExchangeWithItsTimeout() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            var reply = template.request("dlms:tcp://127.0.0.1:" + silent.getLocalPort()
                    + "?operation=get&obis=1-0:1.8.0*255&timeout=300", e -> { });
            assertThat(reply.getException()).isInstanceOf(java.net.SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void setClockCorrectsADriftingMeter() throws Exception {
        int port = startMeter(Authentication.NONE, false, false);
        meter.objects().setClockOffset(Duration.ofMinutes(5));
        String uri = "dlms:tcp://127.0.0.1:" + port + "?operation=set-clock&maxDrift=10";
        var reply = template.request(uri, e -> { });
        assertThat(reply.getMessage().getHeader(DlmsConstants.CLOCK_SET, Boolean.class)).isTrue();
        assertThat(reply.getMessage().getBody(Duration.class).getSeconds()).isBetween(298L, 301L);
        Instant meterNow = template.requestBody("dlms:tcp://127.0.0.1:" + port + "?operation=get-clock", null, Instant.class);
        assertThat(Duration.between(Instant.now(), meterNow).abs().getSeconds()).isLessThan(3);
        var again = template.request(uri, e -> { });
        assertThat(again.getMessage().getHeader(DlmsConstants.CLOCK_SET, Boolean.class)).isFalse();
    }
}
