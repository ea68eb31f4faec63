package io.meterflow.hub.poll;

import java.io.IOException;

import io.meterflow.model.Telegram;

/** Reads one meter over its protocol: one session, everything the poll profile asks for. */
public interface MeterPoller {

    /** The meter protocol this poller speaks, as in {@code meter.protocol}. */
    String protocol();

    /** @throws IOException when the meter or its link does not answer (retried); other failures are final */
    Telegram poll(PollTarget target) throws IOException;
}
