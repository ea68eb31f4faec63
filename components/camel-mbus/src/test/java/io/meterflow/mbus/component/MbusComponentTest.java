package io.meterflow.mbus.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meterflow.mbus.Frames;
import io.meterflow.mbus.MbusConstants;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;
import java.math.BigDecimal;
import java.util.List;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mbus component against a simulated gateway whose meters answer with conformance frames. */
class MbusComponentTest extends CamelTestSupport {

    private SimulatedMbusSlave gateway;
    private SimulatedMbusSlave.Meter gwf;

    @BeforeEach
    void startGateway() throws Exception {
        byte[] gwfFrame = Frames.libmbus("GWF-MTKcoder");
        byte[] waterStar = Frames.libmbus("EFE_Engelmann-WaterStar");
        gwf = new SimulatedMbusSlave.Meter(5, List.of(Frames.withMoreRecordsFollow(gwfFrame), waterStar));
        gateway = new SimulatedMbusSlave(List.of(
                gwf,
                new SimulatedMbusSlave.Meter(1, List.of(Frames.libmbus("LGB_G350"))),
                // same leading digits as the G350 (12082058): the wildcard search must separate them
                new SimulatedMbusSlave.Meter(7, List.of(Frames.withId(Frames.libmbus("LGB_G350"), "12082077")))));
    }

    @AfterEach
    void stopGateway() throws Exception {
        gateway.close();
    }

    private String uri(String options) {
        return "mbus:tcp://localhost:" + gateway.port() + "?" + (options.contains("timeout=") ? "" : "timeout=300&") + options;
    }

    @Test
    void readsAMultiTelegramReadoutByPrimaryAddress() {
        Exchange ex = template.request(uri("primaryAddress=5"), e -> { });
        assertThat(ex.getException()).isNull();
        Telegram t = ex.getMessage().getBody(Telegram.class);
        assertThat(ex.getMessage().getHeader(MbusConstants.TELEGRAM_COUNT)).isEqualTo(2);
        assertThat(t.device().serial()).isEqualTo("00182007");
        assertThat(t.device().manufacturer()).isEqualTo("GWF");
        // the GWF meter's volume (BCD 269, VIF 0x16 = 1 m3) is a water meter's main register
        assertThat(t.readings()).anySatisfy(r -> {
            assertThat(r.register()).isEqualTo("8-0:1.0.0*255");
            assertThat(r.value()).isEqualByComparingTo("269");
            assertThat(r.unit()).isEqualTo(Unit.CUBIC_METRE);
        });
        // and the second telegram's records are there too
        assertThat(t.readings()).extracting(Reading::value).contains(new BigDecimal("0.332"));
        assertThat(ex.getMessage().getHeader(MbusConstants.DEVICE_KEY)).isEqualTo("mbus:GWF:00182007:53:water");
    }

    @Test
    void readsByWildcardedSecondaryAddress() {
        Telegram t = template.requestBody(uri("secondaryAddress=12082058FFFFFFFF"), null, Telegram.class);
        assertThat(t.device().serial()).isEqualTo("12082058");
        assertThat(t.device().manufacturer()).isEqualTo("LGB");
    }

    @Test
    void retriesARequestThatGotNoAnswer() {
        gateway.dropNextRequests(1);
        Telegram t = template.requestBody(uri("primaryAddress=1&retries=1"), null, Telegram.class);
        assertThat(t.device().serial()).isEqualTo("12082058");
    }

    @Test
    void timesOutWithoutRetries() {
        gateway.dropNextRequests(1);
        assertThatThrownBy(() -> template.requestBody(uri("primaryAddress=1&retries=0"), null, Telegram.class))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOf(MbusTimeoutException.class)
                .hasMessage("no answer from address 1 to SND_NKE");
    }

    @Test
    void scansPrimaryAddresses() {
        @SuppressWarnings("unchecked")
        List<MbusMaster.Found> found = template.requestBody(uri("operation=scan&scanFrom=0&scanTo=8&timeout=100&retries=0"),
                null, List.class);
        assertThat(found).extracting(MbusMaster.Found::primaryAddress).containsExactly(1, 5, 7);
        assertThat(found).extracting(MbusMaster.Found::deviceKey)
                .containsExactly("mbus:LGB:12082058:64:gas", "mbus:GWF:00182007:53:water", "mbus:LGB:12082077:64:gas");
    }

    @Test
    void findsEveryMeterByWildcardSearchThroughCollisions() {
        @SuppressWarnings("unchecked")
        List<MbusMaster.Found> found = template.requestBody(
                uri("operation=scan&scanMode=secondary&timeout=100&retries=0"), null, List.class);
        assertThat(found).extracting(MbusMaster.Found::secondaryAddress).containsExactlyInAnyOrder(
                "00182007" + "1EE6" + "35" + "07", "12082058" + "30E2" + "40" + "03", "12082077" + "30E2" + "40" + "03");
    }

    @Test
    void pollsAsAConsumer() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("primaryAddress=1&delay=50")).routeId("poll").to("mock:polled");
            }
        });
        MockEndpoint mock = getMockEndpoint("mock:polled");
        mock.expectedMinimumMessageCount(2);
        mock.assertIsSatisfied(5000);
        context.getRouteController().stopRoute("poll");
        assertThat(mock.getExchanges().get(0).getMessage().getBody(Telegram.class).device().serial()).isEqualTo("12082058");
    }

    @Test
    void rejectsAnUnknownTransport() {
        assertThatThrownBy(() -> context.getEndpoint("mbus:serial:/dev/ttyUSB0?primaryAddress=1"))
                .hasRootCauseMessage("mbus transport serial is not supported; use tcp (serial ports: see the module README)");
    }
}
