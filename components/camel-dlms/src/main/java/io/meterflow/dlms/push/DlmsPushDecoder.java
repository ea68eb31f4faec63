package io.meterflow.dlms.push;

import io.meterflow.dlms.apdu.ApduTag;
import io.meterflow.dlms.apdu.DataNotification;
import io.meterflow.dlms.apdu.EventNotification;
import io.meterflow.dlms.axdr.DlmsData;
import io.meterflow.dlms.axdr.Hex;
import io.meterflow.dlms.security.InvocationCounterStore;
import io.meterflow.model.DecodeException;
import io.meterflow.model.DeviceId;
import io.meterflow.model.Event;
import io.meterflow.model.Frame;
import io.meterflow.model.Telegram;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes received DLMS/COSEM pushes: transport, security, block transfer, then the
 * data-notification (or event-notification) into a {@link PushMessage}.
 *
 * <p>Any {@link RuntimeException} that is not a {@link DecodeException} is a bug; it is still
 * turned into a DecodeException at this boundary, with the bytes' length, so that a route
 * parks the frame instead of failing on it.
 */
public final class DlmsPushDecoder {

    /** Frame key kind of the sender's system title, for service-specific ciphered pushes. */
    public static final String SYSTEM_TITLE_KEY = "system-title";

    private final ApduUnwrapper unwrapper;
    private final PushInterpreter interpreter;
    private final PushLayout forcedLayout;

    public DlmsPushDecoder() {
        this(PushLayouts.builtIn(), ZoneOffset.UTC, null, null);
    }

    /**
     * @param layouts      push layouts to choose from
     * @param zone         zone of meter times sent without deviation
     * @param forcedLayout a layout to use for every push, or null to choose by content
     * @param counters     invocation counter store for replay rejection, or null
     */
    public DlmsPushDecoder(PushLayouts layouts, ZoneId zone, PushLayout forcedLayout, InvocationCounterStore counters) {
        this.unwrapper = new ApduUnwrapper(counters);
        this.interpreter = new PushInterpreter(layouts, zone);
        this.forcedLayout = forcedLayout;
    }

    /** The plaintext APDUs of a frame, for callers that handle the APDU themselves. */
    public List<UnwrappedApdu> unwrap(Frame frame) {
        try {
            return unwrapper.unwrap(frame.parts(), frame.key(Frame.ENCRYPTION_KEY), frame.key(Frame.AUTHENTICATION_KEY),
                    frame.key(SYSTEM_TITLE_KEY));
        } catch (DecodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DecodeException("cannot take the APDU out of the frame: " + e, e);
        }
    }

    /** Decodes the last complete push in the frame. */
    public PushMessage decode(Frame frame) {
        List<UnwrappedApdu> apdus = unwrap(frame);
        UnwrappedApdu last = apdus.get(apdus.size() - 1);
        return decode(last, raw(frame));
    }

    public PushMessage decode(UnwrappedApdu apdu, byte[] raw) {
        try {
            int tag = apdu.tag();
            if (tag == ApduTag.DATA_NOTIFICATION) {
                return interpreter.interpret(apdu, DataNotification.decode(apdu.apdu(), 0), raw, forcedLayout);
            }
            if (tag == ApduTag.EVENT_NOTIFICATION) {
                EventNotification e = EventNotification.decode(apdu.apdu(), 0);
                return eventMessage(apdu, e, raw);
            }
            throw new DecodeException("expected a data-notification or event-notification but found "
                    + ApduTag.name(tag), 0);
        } catch (DecodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DecodeException("cannot decode the push APDU: " + e, e);
        }
    }

    private PushMessage eventMessage(UnwrappedApdu apdu, EventNotification e, byte[] raw) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("class", String.valueOf(e.classId()));
        attributes.put("obis", e.instance().toString());
        attributes.put("attribute", String.valueOf(e.attribute()));
        attributes.put("value", String.valueOf(e.value()));
        Instant at = e.time() != null && e.time().isComplete() ? e.time().toInstant(ZoneOffset.UTC) : null;
        Event event = new Event("dlms_event_notification", at, "attribute changed", attributes);
        DeviceId device = apdu.systemTitleHex() == null ? null : DeviceId.dlms(apdu.systemTitleHex());
        Telegram t = new Telegram("dlms", device, at, List.of(), List.of(event), raw);
        return new PushMessage(apdu, 0, e.time(), e.value(), null, List.of(), t);
    }

    static byte[] raw(Frame frame) {
        if (frame.parts().size() == 1) {
            return frame.parts().get(0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : frame.parts()) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }


}
