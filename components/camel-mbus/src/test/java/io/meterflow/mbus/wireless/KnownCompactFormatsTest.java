package io.meterflow.mbus.wireless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meterflow.mbus.codec.Hex;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KnownCompactFormatsTest {

    @Test
    void theShippedTableLoadsAndEveryLineMatchesItsSignature() {
        assertThat(KnownCompactFormats.size()).isEqualTo(16);
        assertThat(KnownCompactFormats.layout(0x052D)).extracting(Hex::encode)
                .startsWith("426C", "4413", "01FD17").endsWith("046D", "0413");
        assertThat(KnownCompactFormats.layout(0x1234)).isNull();
    }

    @Test
    void aLineWhoseLayoutDoesNotMatchItsSignatureIsRefused() {
        String table = "# comment\n\nF1E7 0306 4306 0314 426C 022D 01FF21\nF1E8 0306 4306 0314 426C 022D 01FF21 # typo\n";
        assertThatThrownBy(() -> KnownCompactFormats.load(new ByteArrayInputStream(table.getBytes(StandardCharsets.US_ASCII))))
                .hasMessageContaining("line 4").hasMessageContaining("F1E7, not F1E8");
    }
}
