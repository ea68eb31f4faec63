package io.meterflow.iec62056.p1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class P1StreamReaderTest {

    private static P1StreamReader reader(String s) {
        return new P1StreamReader(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void cutsTelegramsAndDropsTheTailItJoinedIn() throws Exception {
        String a = "/ISk5\\2MT382-1000\r\n\r\n1-0:1.8.1(000004.426*kWh)\r\n!6EEE\r\n";
        String b = "/KFM5KAIFA-METER\r\n\r\n1-0:1.8.1(000001.000*kWh)\r\n!\r\n";
        P1StreamReader r = reader("(0.44*A)\r\n!ABCD\r\n" + a + b + "/ISk5 cut off in the middle");
        assertThat(r.next()).isEqualTo(a);
        assertThat(r.next()).isEqualTo(b);
        assertThat(r.next()).isNull();
    }

    @Test
    void aSlashInsideALineDoesNotStartATelegram() throws Exception {
        String t = "/ABC5X\r\n\r\n0-0:96.13.0(a/b)\r\n!\r\n";
        assertThat(reader("noise/noise\r\n" + t).next()).isEqualTo(t);
    }
}
