package io.meterflow.hub.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.meterflow.model.DecodeException;
import io.meterflow.model.DeviceId;
import io.meterflow.model.Frame;
import io.meterflow.model.FrameDecoder;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;

/**
 * A protocol for testing the command line alone: one reading per part, the sum of its bytes in
 * Wh; a part that starts with 0xFF is refused at byte 0; the encryption key's length is reported.
 */
public class ByteSumDecoder implements FrameDecoder {

    @Override
    public String protocol() {
        return "test-bytesum";
    }

    @Override
    public Telegram decode(Frame frame) {
        List<Reading> readings = new ArrayList<>();
        for (int p = 0; p < frame.parts().size(); p++) {
            byte[] b = frame.parts().get(p);
            if (b.length > 0 && (b[0] & 0xFF) == 0xFF) {
                throw new DecodeException("part " + p + " starts with FF", 0);
            }
            int sum = 0;
            for (byte x : b) {
                sum += x & 0xFF;
            }
            readings.add(Reading.of("sum." + p, BigDecimal.valueOf(sum), Unit.WATT_HOUR, null));
        }
        if (frame.key(Frame.ENCRYPTION_KEY) != null) {
            readings.add(Reading.of("keylength", BigDecimal.valueOf(frame.key(Frame.ENCRYPTION_KEY).length), Unit.NONE, null));
        }
        return new Telegram(protocol(), DeviceId.mbus("mbus", "ABC", "12345678", 1, null), null, readings, List.of(), null);
    }
}
