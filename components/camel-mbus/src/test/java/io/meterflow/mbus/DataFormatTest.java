package io.meterflow.mbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterflow.mbus.codec.Hex;
import io.meterflow.mbus.wireless.MissingKeyException;
import io.meterflow.mbus.wireless.WirelessDecoderTest;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Telegram;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/** The data formats resolved by name, as YAML routes use them ({@code unmarshal: {custom: {ref: mbus}}}). */
class DataFormatTest extends CamelTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                onException(DecodeException.class).handled(true)
                        .setBody(simple("failed: ${exception.class.simpleName}: ${exception.message}"));
                from("direct:mbus").unmarshal().custom("mbus");
                from("direct:wmbus").unmarshal().custom("wmbus");
            }
        };
    }

    @Test
    void decodesAWiredFrameGivenAsHexText() {
        String hex = "68 1B 1B 68 08 01 72 07 20 18 00 E6 1E 35 07 4C 00 00 00 0C 78 07 20 18 00 0C 16 69 02 00 00 96 16";
        Exchange ex = template.request("direct:mbus", e -> e.getIn().setBody(hex));
        Telegram t = ex.getMessage().getBody(Telegram.class);
        assertThat(t.device().key()).isEqualTo("mbus:GWF:00182007:53:water");
        assertThat(ex.getMessage().getHeader(MbusConstants.DEVICE_KEY)).isEqualTo("mbus:GWF:00182007:53:water");
        assertThat(t.readings()).anySatisfy(r -> assertThat(r.value()).isEqualByComparingTo("269"));
    }

    @Test
    void decodesRawBytesAndReportsABadChecksum() {
        byte[] frame = Hex.decode("681B1B6808017207201800E61E35074C0000000C78072018000C1669020000" + "97" + "16");
        Object body = template.requestBody("direct:mbus", frame);
        assertThat(body).isEqualTo("failed: DecodeException: checksum is 97, computed 96 at byte 31");
    }

    @Test
    void decryptsWirelessWithTheKeyHeaderAndSaysWhenItIsMissing() {
        Telegram t = template.requestBodyAndHeader("direct:wmbus", WirelessDecoderTest.MODE5,
                MbusConstants.KEY, "82B0551191F51D66EFCDAB8967452301", Telegram.class);
        assertThat(t.device().serial()).isEqualTo("19228217");
        Object failed = template.requestBody("direct:wmbus", WirelessDecoderTest.MODE5);
        assertThat(failed).asString().startsWith("failed: " + MissingKeyException.class.getSimpleName());
    }
}
