package io.meterflow.mbus.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Plain-text VIF (0x7C): the unit text is sent last character first and becomes part of the register key. */
class PlainTextVifTest {

    @Test
    void unitTextIsReadBackwardsWithControlCharactersWrittenAsHex() {
        // DIF 04 (32-bit integer), VIF 7C, length 4, "ab\0c" sent backwards, value 1000.
        byte[] data = {0x04, 0x7C, 0x04, 'c', 0x00, 'b', 'a', (byte) 0xE8, 0x03, 0x00, 0x00};
        VariableDataParser.Result r = VariableDataParser.parse(data, 0, data.length);
        assertThat(r.stoppedAt()).isNull();
        DataRecord record = r.records().get(0);
        assertThat(record.plainTextVif()).isEqualTo("ab\\x00c");
        assertThat(record.number()).isEqualByComparingTo("1000");
    }
}
