package io.meterflow.mbus.component;

import io.meterflow.mbus.codec.MbusDecoder;
import io.meterflow.mbus.codec.SecondaryAddress;
import io.meterflow.mbus.codec.WiredFrame;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Telegram;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The master side of EN 13757-2/-3 on one link: link reset (SND_NKE), data request (REQ_UD2)
 * with the frame count bit, multi-telegram readouts, selection by secondary address, and the
 * two ways of finding meters on a bus (trying primary addresses, and the wildcard search over
 * secondary addresses that narrows one digit at a time wherever answers collide).
 */
public class MbusMaster {

    /** Primary address used for a meter selected by its secondary address. */
    public static final int SELECTED = 0xFD;
    /** Broadcast address on which every meter listens and none answers. */
    public static final int BROADCAST = 0xFF;

    private static final int SND_NKE = 0x40;
    private static final int REQ_UD2 = 0x5B;
    private static final int FCB = 0x20;
    private static final int SND_UD = 0x53;
    private static final int CI_SELECT = 0x52;

    /** A meter found on the bus. */
    public record Found(int primaryAddress, String secondaryAddress, String deviceKey) {
    }

    /**
     * Most selections one wildcard search may send. A bus where every answer is garbled (noise, a
     * broken meter) would otherwise make the search try all 10^8 identification numbers.
     */
    static final int MAX_SELECTIONS = 2000;

    private final MbusLink link;
    private final int retries;
    private int selections;
    private final MbusDecoder decoder = new MbusDecoder();
    private boolean fcb;

    public MbusMaster(MbusLink link, int retries) {
        this.link = link;
        this.retries = retries;
    }

    /** SND_NKE; true if the meter acknowledged. */
    public boolean reset(int address) throws IOException {
        for (int attempt = 0; attempt <= retries; attempt++) {
            link.send(shortFrame(SND_NKE, address));
            if (address == BROADCAST) {
                return true;
            }
            MbusLink.Answer a = link.receive();
            if (a instanceof MbusLink.Answer.Received r && r.frame().length == 1) {
                fcb = true; // after a reset the first REQ_UD2 carries FCB = 1
                return true;
            }
        }
        return false;
    }

    /**
     * Reads all telegrams of one meter: REQ_UD2 until a telegram no longer says "more records
     * follow", toggling FCB so the meter sends the next telegram rather than repeating.
     */
    public List<Telegram> readout(int address, int maxTelegrams) throws IOException {
        List<Telegram> telegrams = new ArrayList<>();
        while (telegrams.size() < maxTelegrams) {
            Telegram t = request(address);
            telegrams.add(t);
            boolean more = t.events().stream().anyMatch(e -> e.code().equals("more_records_follow"));
            if (!more) {
                break;
            }
        }
        return telegrams;
    }

    /** One REQ_UD2 with retries; a meter repeats its last answer when FCB was not toggled. */
    Telegram request(int address) throws IOException {
        IOException lastIo = null;
        DecodeException lastBad = null;
        int control = REQ_UD2 | (fcb ? FCB : 0);
        for (int attempt = 0; attempt <= retries; attempt++) {
            link.send(shortFrame(control, address));
            MbusLink.Answer a = link.receive();
            if (a instanceof MbusLink.Answer.Received r) {
                try {
                    Telegram t = decoder.decode(r.frame());
                    fcb = !fcb;
                    return t;
                } catch (DecodeException e) {
                    lastBad = e;
                }
            } else if (a instanceof MbusLink.Answer.Silence) {
                lastIo = new MbusTimeoutException("no answer from address " + address + " to REQ_UD2");
            }
        }
        if (lastBad != null) {
            throw lastBad;
        }
        throw lastIo != null ? lastIo : new MbusTimeoutException("no valid answer from address " + address);
    }

    /**
     * Selects a meter by (possibly wildcarded) secondary address.
     *
     * @return the answer: silence (nobody matches), received E5 (one meter matches), garbled (several)
     */
    public MbusLink.Answer select(String mask) throws IOException {
        byte[] frame = selectFrame(mask);
        MbusLink.Answer last = new MbusLink.Answer.Silence();
        for (int attempt = 0; attempt <= retries; attempt++) {
            link.send(frame);
            last = link.receive();
            if (!(last instanceof MbusLink.Answer.Silence)) {
                return last;
            }
        }
        return last;
    }

    /** Tries every primary address in the range. */
    public List<Found> scanPrimary(int from, int to) throws IOException {
        List<Found> found = new ArrayList<>();
        for (int address = from; address <= to; address++) {
            if (reset(address)) {
                try {
                    Telegram t = request(address);
                    found.add(new Found(address, secondary(t), t.device() == null ? null : t.device().key()));
                } catch (IOException | DecodeException e) {
                    // it acknowledged, so it is there, even if its data did not come through
                    found.add(new Found(address, null, null));
                }
            }
        }
        return found;
    }

    /** The wildcard search over the eight identification digits. */
    public List<Found> scanSecondary() throws IOException {
        List<Found> found = new ArrayList<>();
        selections = 0;
        search("FFFFFFFFFFFFFFFF", 0, found);
        return found;
    }

    private void search(String mask, int position, List<Found> found) throws IOException {
        if (++selections > MAX_SELECTIONS) {
            throw new IOException("secondary address search gave up after " + MAX_SELECTIONS
                    + " selections: answers keep colliding (noise on the bus?); found so far: " + found);
        }
        MbusLink.Answer a = select(mask);
        if (a instanceof MbusLink.Answer.Silence) {
            return;
        }
        if (a instanceof MbusLink.Answer.Received r && r.frame().length == 1) {
            try {
                Telegram t = request(SELECTED);
                found.add(new Found(-1, secondary(t), t.device() == null ? null : t.device().key()));
                return;
            } catch (DecodeException e) {
                // two meters answered REQ_UD2 together: narrow down as for a collision
            }
        }
        if (position >= 8) {
            return; // identical identification numbers; the wildcard search cannot separate them
        }
        for (int digit = 0; digit <= 9; digit++) {
            String next = mask.substring(0, position) + digit + mask.substring(position + 1);
            search(next, position + 1, found);
        }
    }

    private static String secondary(Telegram t) {
        if (t.device() == null) {
            return null;
        }
        byte[] raw = t.raw();
        if (raw != null && raw.length > 15 && (raw[6] & 0xFF) == 0x72) {
            return SecondaryAddress.fromHeader(raw, 7).toHex();
        }
        return null;
    }

    static byte[] shortFrame(int control, int address) {
        return new byte[] {0x10, (byte) control, (byte) address, (byte) (control + address), 0x16};
    }

    /** SND_UD to 0xFD with CI 0x52 and the 8-byte address; F digits and FF bytes are wildcards. */
    static byte[] selectFrame(String mask) {
        if (mask == null || !mask.matches("[0-9A-Fa-f]{16}")) {
            throw new IllegalArgumentException("secondary address must be 16 hex digits"
                    + " (ID 8, manufacturer 4, version 2, medium 2), F as wildcard, but was " + mask);
        }
        byte[] a = new byte[8];
        String m = mask.toUpperCase();
        for (int i = 0; i < 4; i++) { // identification, least significant byte first
            a[i] = (byte) Integer.parseInt(m.substring(6 - 2 * i, 8 - 2 * i), 16);
        }
        int man = Integer.parseInt(m.substring(8, 12), 16);
        a[4] = (byte) man;
        a[5] = (byte) (man >> 8);
        a[6] = (byte) Integer.parseInt(m.substring(12, 14), 16);
        a[7] = (byte) Integer.parseInt(m.substring(14, 16), 16);
        byte[] f = new byte[17];
        f[0] = 0x68;
        f[1] = 11;
        f[2] = 11;
        f[3] = 0x68;
        f[4] = SND_UD;
        f[5] = (byte) SELECTED;
        f[6] = CI_SELECT;
        System.arraycopy(a, 0, f, 7, 8);
        int sum = 0;
        for (int i = 4; i < 15; i++) {
            sum += f[i] & 0xFF;
        }
        f[15] = (byte) sum;
        f[16] = 0x16;
        WiredFrame.parse(f); // guards the layout above
        return f;
    }
}
