package io.meterflow.mbus.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterflow.mbus.codec.Hex;
import io.meterflow.mbus.wireless.LinkLayerFrame;
import io.meterflow.model.Telegram;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The wmbus receiver endpoint with a stand-in radio (a real stick cannot be attached here): what
 * the radio hears goes through the route and the wmbus data format.
 */
class WmbusConsumerTest extends CamelTestSupport {

    private final AtomicBoolean closed = new AtomicBoolean();
    private WmbusTransceiver.Sink sink;

    @Override
    protected RouteBuilder createRouteBuilder() {
        context.getRegistry().bind("fakeRadio", (WmbusTransceiver.Factory) (config, s) -> {
            assertThat(config.getPort()).isEqualTo("/dev/ttyUSB0");
            assertThat(config.getTransceiver()).isEqualTo("imst");
            assertThat(config.getMode()).isEqualTo("C");
            sink = s;
            return () -> closed.set(true);
        });
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("wmbus:serial:/dev/ttyUSB0?transceiver=imst&mode=C&forwardUnparsed=false&transceiverFactory=#fakeRadio")
                        .routeId("radio").unmarshal().custom("wmbus").to("mock:telegrams");
            }
        };
    }

    @Test
    void decodesWhatTheRadioHears() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:telegrams");
        mock.expectedMessageCount(1);
        byte[] heard = LinkLayerFrame.addFormatA(Hex.decode(
                "2E442D2C6767676730048D2039D1684020BCDB7803062C000043060000000314630000426C7F2A022D130001FF2100"));
        sink.telegram(heard, -71, true);
        sink.telegram(new byte[] {1, 2, 3}, null, false); // unparsed noise, not forwarded
        mock.assertIsSatisfied();
        Telegram t = mock.getExchanges().get(0).getMessage().getBody(Telegram.class);
        assertThat(t.device().key()).isEqualTo("wmbus:KAM:67676767:48:heat");
        assertThat(mock.getExchanges().get(0).getMessage().getHeader(WmbusEndpoint.RSSI)).isEqualTo(-71);
        context.getRouteController().stopRoute("radio");
        assertThat(closed).isTrue();
    }
}
