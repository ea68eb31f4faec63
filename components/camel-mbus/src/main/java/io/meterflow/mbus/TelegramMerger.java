package io.meterflow.mbus;

import io.meterflow.model.Event;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Joins the telegrams of one multi-telegram readout (the meter set "more records follow") into
 * one telegram: the first telegram's device, the first meter time found, all readings and events,
 * and the frames one after the other as raw bytes.
 */
public final class TelegramMerger {

    private TelegramMerger() {
    }

    public static Telegram merge(List<Telegram> telegrams) {
        if (telegrams.size() == 1) {
            return telegrams.get(0);
        }
        Telegram first = telegrams.get(0);
        List<Reading> readings = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        Set<String> registers = new HashSet<>();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        java.time.Instant meterTime = null;
        for (int i = 0; i < telegrams.size(); i++) {
            Telegram t = telegrams.get(i);
            if (meterTime == null) {
                meterTime = t.meterTime();
            }
            for (Reading r : t.readings()) {
                String register = r.register();
                if (!registers.add(register)) {
                    // The same record key in a later telegram of the readout is another value
                    // (meters repeat VIFs across telegrams); keep it under the telegram's number.
                    register = register + "@" + (i + 1);
                    registers.add(register);
                }
                readings.add(new Reading(register, r.value(), r.unit(), r.timestamp(), r.quality(), r.description()));
            }
            events.addAll(t.events());
            byte[] b = t.raw();
            if (b != null) {
                raw.write(b, 0, b.length);
            }
        }
        return new Telegram(first.protocol(), first.device(), meterTime, readings, events, raw.toByteArray());
    }
}
