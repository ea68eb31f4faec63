package io.meterflow.dlms.push;

import io.meterflow.dlms.apdu.ApduTag;
import io.meterflow.dlms.apdu.CipheredApdu;
import io.meterflow.dlms.apdu.GeneralBlockTransfer;
import io.meterflow.dlms.axdr.Hex;
import io.meterflow.dlms.hdlc.HdlcFrame;
import io.meterflow.dlms.hdlc.HdlcStream;
import io.meterflow.dlms.security.InvocationCounterStore;
import io.meterflow.dlms.security.ReplayException;
import io.meterflow.dlms.security.SecuritySuite0;
import io.meterflow.dlms.wrapper.WrapperFrame;
import io.meterflow.model.DecodeException;
import io.meterflow.model.DeviceId;
import io.meterflow.model.Frame;
import io.meterflow.model.KeyRequiredException;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Takes the APDUs out of received bytes. The bytes of one part may be a wrapper frame
 * (IEC 62056-47), one or more HDLC frames (IEC 62056-46; segments are joined), an LLC-prefixed
 * APDU ({@code E6 E7 00}, as HAN and P1 ports send it without HDLC), or a bare APDU.
 * General-block-transfer blocks are joined, and secured APDUs are checked and decrypted with
 * security suite 0.
 */
public final class ApduUnwrapper {

    /** Nested protection (a ciphered block transfer of a ciphered APDU) deeper than this is refused. */
    private static final int MAX_LAYERS = 4;

    private final InvocationCounterStore counters;

    /** @param counters where invocation counters are tracked for replay rejection; null to not track */
    public ApduUnwrapper(InvocationCounterStore counters) {
        this.counters = counters;
    }

    /**
     * The complete APDUs in {@code parts}, in order, without security. A block transfer that
     * is broken off by a new first block is dropped; a block sequence that is broken and never
     * completes is an error.
     *
     * @param systemTitle sender's system title for service-specific ciphering, or null
     */
    public List<UnwrappedApdu> unwrap(List<byte[]> parts, byte[] encryptionKey, byte[] authenticationKey,
                                      byte[] systemTitle) {
        if (parts.isEmpty()) {
            throw new DecodeException("no bytes to decode");
        }
        List<byte[]> apdus = joinBlocks(transportApdus(parts));
        List<UnwrappedApdu> out = new ArrayList<>(apdus.size());
        for (byte[] apdu : apdus) {
            out.add(unprotect(apdu, encryptionKey, authenticationKey, systemTitle, 0));
        }
        return out;
    }

    /** The APDUs carried by the transport frames, before block transfer and security. */
    static List<byte[]> transportApdus(List<byte[]> parts) {
        List<byte[]> apdus = new ArrayList<>();
        List<HdlcFrame> hdlc = new ArrayList<>();
        for (byte[] part : parts) {
            if (part == null || part.length == 0) {
                throw new DecodeException("empty frame");
            }
            if (HdlcStream.looksLikeHdlc(part)) {
                hdlc.addAll(HdlcStream.split(part));
            } else if (WrapperFrame.looksLikeWrapper(part)) {
                apdus.add(WrapperFrame.decode(part).apdu());
            } else {
                apdus.add(stripLlc(part));
            }
        }
        if (!hdlc.isEmpty()) {
            apdus.addAll(joinSegments(hdlc));
        }
        return apdus;
    }

    private static List<byte[]> joinSegments(List<HdlcFrame> frames) {
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        for (HdlcFrame f : frames) {
            HdlcFrame.Kind kind = f.kind();
            if (kind != HdlcFrame.Kind.I && kind != HdlcFrame.Kind.UI) {
                continue;
            }
            byte[] info = f.information();
            current.write(info, 0, info.length);
            if (!f.segmented()) {
                if (current.size() > 0) {
                    out.add(stripLlc(current.toByteArray()));
                }
                current.reset();
            }
        }
        if (out.isEmpty()) {
            throw new DecodeException(current.size() > 0
                    ? "HDLC segments end without a final segment" : "HDLC frames carry no information field");
        }
        return out;
    }

    /** Removes an LLC header ({@code E6 E6 00} or {@code E6 E7 00}) if present. */
    public static byte[] stripLlc(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xE6 && ((b[1] & 0xFF) == 0xE6 || (b[1] & 0xFF) == 0xE7) && b[2] == 0) {
            return Arrays.copyOfRange(b, 3, b.length);
        }
        return b;
    }

    static List<byte[]> joinBlocks(List<byte[]> apdus) {
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream blocks = null;
        int expected = 0;
        DecodeException broken = null;
        for (byte[] apdu : apdus) {
            if (apdu.length == 0) {
                throw new DecodeException("empty APDU");
            }
            if ((apdu[0] & 0xFF) != ApduTag.GENERAL_BLOCK_TRANSFER) {
                out.add(apdu);
                continue;
            }
            GeneralBlockTransfer gbt = GeneralBlockTransfer.decode(apdu, 0);
            if (gbt.blockNumber() == 1) {
                blocks = new ByteArrayOutputStream();
                expected = 1;
                broken = null;
            }
            if (blocks == null || gbt.blockNumber() != expected) {
                if (broken == null) {
                    broken = new DecodeException("general-block-transfer block " + gbt.blockNumber() + " where block "
                            + (blocks == null ? 1 : expected) + " was expected");
                }
                blocks = null;
                continue;
            }
            byte[] data = gbt.blockData();
            blocks.write(data, 0, data.length);
            expected++;
            if (gbt.lastBlock()) {
                out.add(blocks.toByteArray());
                blocks = null;
            }
        }
        if (out.isEmpty()) {
            throw broken != null ? broken : new DecodeException("general-block-transfer ends without its last block");
        }
        return out;
    }

    private UnwrappedApdu unprotect(byte[] apdu, byte[] ek, byte[] ak, byte[] systemTitle, int layer) {
        int tag = apdu[0] & 0xFF;
        if (!CipheredApdu.isCiphered(tag)) {
            return new UnwrappedApdu(apdu, systemTitle, -1, -1, false);
        }
        if (layer >= MAX_LAYERS) {
            throw new DecodeException("ciphered APDUs nested deeper than " + MAX_LAYERS);
        }
        CipheredApdu c = CipheredApdu.decode(apdu, 0);
        byte[] st = c.systemTitle() != null ? c.systemTitle() : systemTitle;
        if (st == null) {
            throw new DecodeException(ApduTag.name(tag) + " carries no system title and none is known for the sender");
        }
        if (st.length != 8) {
            throw new DecodeException("system title of " + st.length + " bytes (expected 8)", 1);
        }
        if (ek == null) {
            // The sender is known from the clear system title: the caller can look its key up and try again.
            throw new KeyRequiredException("the frame is ciphered (" + ApduTag.name(tag) + " from " + Hex.of(st)
                    + ") but no encryption key is known for the meter", DeviceId.dlms(Hex.of(st)), Frame.ENCRYPTION_KEY, false);
        }
        boolean tagged = (c.securityControl() & SecuritySuite0.AUTHENTICATED) != 0;
        // without the authentication key the tag cannot be checked; the content is still
        // readable (HAN ports often hand out the encryption key only), but marked unauthenticated
        boolean authenticated = tagged && ak != null;
        byte[] plain;
        try {
            plain = authenticated || !tagged
                    ? c.plaintext(st, ek, ak)
                    : SecuritySuite0.decryptUnauthenticated(c.securityControl(), st, c.invocationCounter(), c.ciphered(), ek);
        } catch (DecodeException e) {
            if (e.getMessage() != null && e.getMessage().contains("tag mismatch")) {
                throw new KeyRequiredException(e.getMessage() + " (from " + Hex.of(st) + ")", DeviceId.dlms(Hex.of(st)),
                        Frame.ENCRYPTION_KEY, true);
            }
            throw e;
        }
        if (counters != null) {
            String key = Hex.of(st);
            long last = counters.last(key);
            if (!counters.advance(key, c.invocationCounter())) {
                throw new ReplayException(key, c.invocationCounter(), last);
            }
        }
        if (plain.length == 0) {
            throw new DecodeException("ciphered APDU holds no plaintext");
        }
        if (!c.general()) {
            // A service-specific ciphered APDU protects the whole plain APDU, tag included.
            return new UnwrappedApdu(plain, st, c.securityControl(), c.invocationCounter(), authenticated);
        }
        int inner = plain[0] & 0xFF;
        if (CipheredApdu.isCiphered(inner)) {
            return unprotect(plain, ek, ak, st, layer + 1);
        }
        if (inner == ApduTag.GENERAL_BLOCK_TRANSFER) {
            byte[] joined = joinBlocks(List.of(plain)).get(0);
            return unprotect(joined, ek, ak, st, layer + 1);
        }
        return new UnwrappedApdu(plain, st, c.securityControl(), c.invocationCounter(), authenticated);
    }
}
