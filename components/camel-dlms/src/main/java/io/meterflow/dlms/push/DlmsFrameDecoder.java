package io.meterflow.dlms.push;

import io.meterflow.dlms.security.InvocationCounterStore;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Frame;
import io.meterflow.model.FrameDecoder;
import io.meterflow.model.Telegram;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The {@code dlms} {@link FrameDecoder}: a wrapper frame, HDLC frames (one per part or several in
 * one, segments in order), a bare APDU, or an LLC-prefixed APDU; keys {@code encryption} and
 * {@code authentication}, and {@code system-title} for service-specific ciphering.
 *
 * <p>Some meters cipher a DSMR P1 text telegram in a general-glo-ciphering APDU (Luxembourg,
 * Sagemcom T210-D). Its plaintext is text, not an APDU; it is handed to the {@code p1} decoder
 * when one is on the class path.
 */
public class DlmsFrameDecoder implements FrameDecoder {

    private final DlmsPushDecoder decoder;

    public DlmsFrameDecoder() {
        this(null);
    }

    public DlmsFrameDecoder(InvocationCounterStore counters) {
        this.decoder = new DlmsPushDecoder(PushLayouts.builtIn(), ZoneOffset.UTC, null, counters);
    }

    @Override
    public String protocol() {
        return "dlms";
    }

    @Override
    public Telegram decode(Frame frame) {
        if (frame.parts().isEmpty()) {
            throw new DecodeException("dlms frames are binary but this one has only text");
        }
        List<UnwrappedApdu> apdus = decoder.unwrap(frame);
        UnwrappedApdu last = apdus.get(apdus.size() - 1);
        byte[] plain = last.apdu();
        if (plain.length > 0 && plain[0] == '/') {
            return textTelegram(frame, new String(plain, StandardCharsets.ISO_8859_1));
        }
        return decoder.decode(last, DlmsPushDecoder.raw(frame)).telegram();
    }

    private static Telegram textTelegram(Frame frame, String text) {
        for (FrameDecoder d : ServiceLoader.load(FrameDecoder.class)) {
            if ("p1".equals(d.protocol())) {
                return d.decode(new Frame(List.of(), text, frame.keys(), frame.receivedAt()));
            }
        }
        throw new DecodeException("the decrypted content is a P1 text telegram, and no p1 decoder is available");
    }
}
