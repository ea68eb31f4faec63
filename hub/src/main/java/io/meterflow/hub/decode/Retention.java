package io.meterflow.hub.decode;

import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Deletes archived raw frames past {@code meterflow.raw-frames.retention}. */
@Component("retention")
public class Retention {

    private final RawFrameArchive archive;
    private final Duration keep;

    public Retention(RawFrameArchive archive, @Value("${meterflow.raw-frames.retention:90d}") Duration keep) {
        this.archive = archive;
        this.keep = keep;
    }

    public int purgeRawFrames() {
        return archive.purge(Instant.now().minus(keep));
    }
}
