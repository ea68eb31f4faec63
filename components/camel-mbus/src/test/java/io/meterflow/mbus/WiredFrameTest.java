package io.meterflow.mbus;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meterflow.mbus.codec.Hex;
import io.meterflow.mbus.codec.MbusDecoder;
import io.meterflow.model.DecodeException;
import org.junit.jupiter.api.Test;

/** Each frame check of a wired long frame fails with its own message and offset. */
class WiredFrameTest {

    private static final String GOOD = "681B1B6808017207201800E61E35074C0000000C78072018000C16690200009616";
    private final MbusDecoder decoder = new MbusDecoder();

    private void rejects(String hex, String message) {
        assertThatThrownBy(() -> decoder.decode(Hex.decode(hex))).isInstanceOf(DecodeException.class).hasMessage(message);
    }

    @Test
    void reportsEachFrameCheck() {
        rejects("69" + GOOD.substring(2), "start byte is 69, expected 68 (long frame), 10 (short frame) or E5 at byte 0");
        rejects("681B1C" + GOOD.substring(6), "length bytes differ: 1B and 1C at byte 2");
        rejects("681B1B67" + GOOD.substring(8), "second start byte is 67, expected 68 at byte 3");
        rejects(GOOD.substring(0, GOOD.length() - 2) + "17", "stop byte is 17, expected 16 at byte 32");
        rejects(GOOD.substring(0, GOOD.length() - 4), "frame is 31 bytes but its length field announces 33 at byte 31");
        rejects(GOOD.substring(0, 22) + "00" + GOOD.substring(24), "checksum is 96, computed B0 at byte 31");
        rejects("E5", "not a long frame: the acknowledgement E5 carries no data at byte 0");
    }
}
