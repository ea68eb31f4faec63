package io.meterflow.hub.poll;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.meterflow.mbus.component.MbusLink;
import io.meterflow.mbus.component.MbusMaster;
import io.meterflow.model.Event;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import org.springframework.stereotype.Component;

/**
 * Wired M-Bus meters behind an M-Bus-to-TCP gateway: SND_NKE, then REQ_UD2 until the meter has
 * sent all its telegrams. Addressing: {@code primaryAddress} (0-250), or {@code secondaryAddress}
 * (8 digits of id, then manufacturer, version and medium, e.g. 12345678FFFFFFFF) selected first.
 */
@Component
public class MbusPoller implements MeterPoller {

    private static final int SELECTED = MbusMaster.SELECTED;

    @Override
    public String protocol() {
        return "mbus";
    }

    @Override
    public Telegram poll(PollTarget t) throws IOException {
        int timeout = (int) t.timeout().toMillis();
        try (MbusLink link = new MbusLink(t.host(), t.port(), timeout, timeout)) {
            MbusMaster master = new MbusMaster(link, 1);
            String secondary = t.textAddressing("secondaryAddress", null);
            int address;
            if (secondary != null) {
                if (!(master.select(secondary) instanceof MbusLink.Answer.Received)) {
                    throw new IOException("no meter answered the selection of secondary address " + secondary);
                }
                address = SELECTED;
            } else {
                address = t.intAddressing("primaryAddress", 0);
                master.reset(address);
            }
            List<Telegram> telegrams = master.readout(address, t.intAddressing("maxTelegrams", 16));
            List<Reading> readings = new ArrayList<>();
            List<Event> events = new ArrayList<>();
            for (Telegram tel : telegrams) {
                readings.addAll(tel.readings());
                events.addAll(tel.events().stream().filter(e -> !e.code().equals("more_records_follow")).toList());
            }
            Telegram first = telegrams.get(0);
            return new Telegram("mbus", first.device(), first.meterTime(), readings, events, null);
        }
    }
}
