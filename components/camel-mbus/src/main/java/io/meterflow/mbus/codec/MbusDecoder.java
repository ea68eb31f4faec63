package io.meterflow.mbus.codec;

import io.meterflow.mbus.manufacturer.ManufacturerDecoder;
import io.meterflow.mbus.manufacturer.ManufacturerDecoders;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Event;
import io.meterflow.model.Telegram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes wired M-Bus frames (EN 13757-2 link layer, EN 13757-3 application layer): long frames
 * {@code 68 L L 68 C A CI ... CS 16} with their checks, the single-character acknowledgement
 * {@code E5}, and the variable data structure behind CI 0x72/0x7A/0x78. Stateless and thread-safe.
 */
public final class MbusDecoder {

    public static final String PROTOCOL = "mbus";

    /** Decodes one frame; a readout of several frames is decoded frame by frame. */
    public Telegram decode(byte[] frame) {
        if (frame == null || frame.length == 0) {
            throw new DecodeException("empty frame", 0);
        }
        WiredFrame wired = WiredFrame.parse(frame);
        if (wired.ci() < 0) {
            throw new DecodeException("not a long frame: " + wired.describe() + " carries no data", 0);
        }
        return decodeApplicationLayer(frame, WiredFrame.CI_OFFSET, wired.end(), PROTOCOL);
    }

    /** Decodes the application layer from the CI field at {@code ciAt} to {@code end}. */
    static Telegram decodeApplicationLayer(byte[] frame, int ciAt, int end, String protocol) {
        int ci = frame[ciAt] & 0xFF;
        if (ci == 0x76 || ci == 0x77) {
            throw new DecodeException("CI 0x" + Integer.toHexString(ci)
                    + ": variable data with most significant byte first is not supported", ciAt);
        }
        List<Event> extra = new ArrayList<>();
        if (ci == 0x70) {
            int code = ciAt + 1 < end ? frame[ciAt + 1] & 0xFF : 0;
            extra.add(new Event("application_error", null, applicationError(code),
                    Map.of("code", Integer.toString(code))));
            return TelegramAssembler.assemble(protocol, null, 0, List.of(), extra, frame);
        }
        if (ci == 0x71) {
            int code = ciAt + 1 < end ? frame[ciAt + 1] & 0xFF : 0;
            extra.add(new Event("alarm", null, "Alarm status", Map.of("code", Integer.toString(code))));
            return TelegramAssembler.assemble(protocol, null, 0, List.of(), extra, frame);
        }
        if (ci == 0x73 && PROTOCOL.equals(protocol)) {
            return FixedDataStructure.decode(frame, ciAt, end, protocol);
        }
        if (!TransportHeader.isLong(ci) && !TransportHeader.isShort(ci) && ci != 0x78) {
            throw new DecodeException("CI 0x" + String.format("%02X", ci) + " is not a variable data response", ciAt);
        }
        TransportHeader header = TransportHeader.read(frame, ciAt, end);
        // Wired meters of the EN 1434-3 era send a "signature" word here that is not a
        // configuration word, and their records are in clear whatever its bits say (so no
        // configuration extension byte either).
        int dataStart = header.dataStart() - (header.configExtension() >= 0 ? 1 : 0);
        VariableDataParser.Result result = VariableDataParser.parse(frame, dataStart, end);
        extra.addAll(stopEvents(result));
        if (result.moreFollows()) {
            extra.add(new Event("more_records_follow", null, "The meter has more records in the next telegram", Map.of()));
        }
        Telegram t = TelegramAssembler.assemble(protocol, header.address(), header.status(), result.records(), extra, frame);
        return ManufacturerDecoders.apply(t, ManufacturerDecoder.Scope.RECORDS, header.address(), frame, dataStart, end,
                result.records(), null, header.status());
    }

    /** An event saying where a record was cut short, if one was. */
    public static List<Event> stopEvents(VariableDataParser.Result result) {
        DecodeException e = result.stoppedAt();
        if (e == null) {
            return List.of();
        }
        return List.of(new Event("decode_stopped", null, e.reason(),
                Map.of("offset", e.offset() == null ? "" : e.offset().toString())));
    }

    private static String applicationError(int code) {
        switch (code) {
            case 0: return "Unspecified error";
            case 1: return "Unimplemented CI field";
            case 2: return "Buffer too long, truncated";
            case 3: return "Too many records";
            case 4: return "Premature end of record";
            case 5: return "More than 10 DIFEs";
            case 6: return "More than 10 VIFEs";
            case 8: return "Application busy";
            case 9: return "Too many readouts";
            default: return "Application error " + code;
        }
    }
}
