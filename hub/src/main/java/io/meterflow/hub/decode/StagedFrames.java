package io.meterflow.hub.decode;

import java.util.List;

import io.meterflow.hub.amqp.RawFrames;
import org.springframework.stereotype.Component;

/**
 * Promotes frames staged for devices that were unknown: when a meter with their device key is
 * registered, or gets a key, they are sent through decoding again.
 */
@Component
public class StagedFrames {

    private final RawFrameArchive archive;
    private final RawFrames raw;
    private final MeterDirectory directory;

    public StagedFrames(RawFrameArchive archive, RawFrames raw, MeterDirectory directory) {
        this.archive = archive;
        this.raw = raw;
        this.directory = directory;
    }

    /** @return how many frames were sent to decoding again */
    public int promote(long organizationId, List<String> deviceKeys) {
        directory.forgetAll();
        List<String> keys = deviceKeys.stream().filter(k -> k != null && !k.isBlank()).toList();
        if (keys.isEmpty()) {
            return 0;
        }
        List<RawFrameArchive.Archived> staged = archive.stagedFor(organizationId, keys);
        raw.publish(staged.stream().map(f -> new RawFrames.Raw(f.protocol(), f.transport(), f.source(), f.receivedAt(),
                organizationId, f.id(), f.meterId(), f.payload())).toList());
        return staged.size();
    }
}
