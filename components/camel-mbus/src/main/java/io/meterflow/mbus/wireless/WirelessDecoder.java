package io.meterflow.mbus.wireless;

import io.meterflow.mbus.codec.DataRecord;
import io.meterflow.mbus.codec.Hex;
import io.meterflow.mbus.codec.MbusCrc;
import io.meterflow.mbus.codec.SecondaryAddress;
import io.meterflow.mbus.codec.TelegramAssembler;
import io.meterflow.mbus.codec.TransportHeader;
import io.meterflow.mbus.codec.VariableDataParser;
import io.meterflow.mbus.manufacturer.ManufacturerDecoder;
import io.meterflow.mbus.manufacturer.ManufacturerDecoder.Scope;
import io.meterflow.mbus.manufacturer.ManufacturerDecoders;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Event;
import io.meterflow.model.Telegram;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes wireless M-Bus telegrams (EN 13757-4 link layer, EN 13757-7 / OMS transport and
 * security, EN 13757-3 data records): with or without DLL CRC blocks, extended link layer (CI
 * 0x8C-0x8F), authentication and fragmentation layer (CI 0x90), short and long transport
 * headers, security modes 5 and 7, and compact frames (CI 0x79/0x7B/0x73).
 *
 * <p>A compact frame carries only values; its record layout is that of an earlier full frame
 * with the same format signature. This decoder remembers the layouts of the full frames it saw
 * (at most {@value #MAX_FORMATS}, the oldest forgotten first), so callers keep one instance per
 * stream of telegrams. Not thread-safe for that reason, except through {@link #sharingFormats()}:
 * decoders made so share one synchronized store of formats, so a compact frame decodes on any of
 * a head-end's worker threads once any of them has seen a full frame of that format.
 */
public final class WirelessDecoder {

    public static final String PROTOCOL = "wmbus";
    static final int MAX_FORMATS = 1024;

    /** Format signature to the DIF/VIF bytes of each record of a full frame. */
    private final Map<Integer, List<byte[]>> formats;

    /** The formats learned by every decoder made by {@link #sharingFormats()}. */
    private static final Map<Integer, List<byte[]>> SHARED = java.util.Collections.synchronizedMap(newFormatStore());

    public WirelessDecoder() {
        this(newFormatStore());
    }

    private WirelessDecoder(Map<Integer, List<byte[]>> formats) {
        this.formats = formats;
    }

    /** A decoder whose learned compact-frame formats are shared with all decoders made this way. */
    public static WirelessDecoder sharingFormats() {
        return new WirelessDecoder(SHARED);
    }

    private static Map<Integer, List<byte[]>> newFormatStore() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, List<byte[]>> eldest) {
                return size() > MAX_FORMATS;
            }
        };
    }

    /**
     * Decodes one telegram; {@code key} is the meter's AES-128 key (16 bytes), a Diehl PRIOS key
     * (8 bytes, for the manufacturer layout of IZAR modules) or null.
     */
    public Telegram decode(byte[] telegram, byte[] key) {
        if (telegram == null || telegram.length == 0) {
            throw new DecodeException("empty telegram", 0);
        }
        if (key != null && key.length != 16 && key.length != 8) {
            throw new DecodeException("the meter key must be 16 bytes (AES-128) or 8 bytes (PRIOS), got " + key.length);
        }
        LinkLayerFrame.Stripped stripped = LinkLayerFrame.strip(telegram);
        byte[] b = stripped.bytes();
        List<Event> events = new ArrayList<>();
        if (stripped.trailing() > 0) {
            events.add(new Event("trailing_bytes", null, "Bytes after the L-field's end were ignored",
                    Map.of("count", Integer.toString(stripped.trailing()))));
        }
        int end = b.length;
        SecondaryAddress linkAddress = SecondaryAddress.fromLinkLayer(b, 2);
        SecondaryAddress address = linkAddress;
        int p = 10;
        long messageCounter = -1;
        int ci = b[p] & 0xFF;
        if (ci >= 0x8C && ci <= 0x8F) {
            int len = ci == 0x8C ? 2 : ci == 0x8D ? 8 : ci == 0x8E ? 10 : 16;
            need(p + 1 + len, end, "extended link layer", p);
            if (ci == 0x8D || ci == 0x8F) {
                b = extendedLinkLayer(b, p, ci, key);
            }
            if (ci == 0x8E || ci == 0x8F) {
                address = SecondaryAddress.fromLinkLayer(b, p + 3);
            }
            p += 1 + len;
            need(p + 1, end, "CI after the extended link layer", p);
            ci = b[p] & 0xFF;
        }
        if (ci == 0x90) {
            need(p + 2, end, "authentication and fragmentation layer", p);
            int afll = b[p + 1] & 0xFF;
            need(p + 2 + afll + 1, end, "authentication and fragmentation layer", p);
            messageCounter = afl(b, p + 2, p + 2 + afll);
            p += 2 + afll;
            ci = b[p] & 0xFF;
        }
        if (ci >= 0xA0 && ci <= 0xB7) {
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("ci", String.format("%02X", ci));
            attrs.put("data", Hex.encode(b, p + 1, end));
            events.add(new Event("manufacturer_data", null, "Manufacturer-specific application layer", attrs));
            Telegram t = TelegramAssembler.assemble(PROTOCOL, address, 0, List.of(), events, telegram);
            // the decoder gets the bytes from the CI on: the CI is part of the manufacturer's layout
            return ManufacturerDecoders.apply(t, Scope.APPLICATION_LAYER, address, b, p, end, List.of(), key, 0);
        }
        if (ci == 0x70 || ci == 0x71) {
            events.add(new Event(ci == 0x70 ? "application_error" : "alarm", null, null,
                    Map.of("code", p + 1 < end ? Integer.toString(b[p + 1] & 0xFF) : "")));
            return TelegramAssembler.assemble(PROTOCOL, address, 0, List.of(), events, telegram);
        }
        boolean compact = ci == 0x79 || ci == 0x7B || ci == 0x73;
        if (!compact && ci != 0x78 && ci != 0x7A && ci != 0x72) {
            throw new DecodeException(String.format("CI %02X is not a supported application layer", ci), p);
        }
        TransportHeader header = TransportHeader.read(b, p, end);
        if (header.address() != null) {
            address = header.address();
        }
        int dataStart = header.dataStart();
        byte[] plain = decrypt(b, header, address, messageCounter, key, dataStart, end);
        List<DataRecord> records;
        ManufacturerDecoder manufacturer = ManufacturerDecoders.find(address);
        Scope scope = manufacturer != null && manufacturer.scope() == Scope.PAYLOAD && !compact ? Scope.PAYLOAD : Scope.RECORDS;
        if (scope == Scope.PAYLOAD) {
            records = List.of(); // not EN 13757-3 records: the manufacturer decoder reads the payload
        } else if (compact) {
            records = compactRecords(plain, dataStart, end);
        } else {
            VariableDataParser.Result result = VariableDataParser.parse(plain, dataStart, end);
            records = result.records();
            events.addAll(io.meterflow.mbus.codec.MbusDecoder.stopEvents(result));
            if (result.stoppedAt() == null) {
                remember(plain, records);
            }
        }
        Telegram t = TelegramAssembler.assemble(PROTOCOL, address, header.status(), records, events, telegram);
        return ManufacturerDecoders.apply(t, scope, address, plain, dataStart, end, records, key, header.status());
    }

    /**
     * The long extended link layer carries a session number and a CRC over the rest of the
     * telegram. Its encryption (AES-CTR) covers that CRC, so the CRC tells a plaintext (decrypted
     * upstream) from a ciphertext, and after decryption a right key from a wrong one.
     */
    private static byte[] extendedLinkLayer(byte[] b, int ciAt, int ci, byte[] key) {
        int snAt = ciAt + 1 + (ci == 0x8F ? 10 : 2);
        int crcAt = snAt + 4;
        int sn = (b[snAt] & 0xFF) | (b[snAt + 1] & 0xFF) << 8 | (b[snAt + 2] & 0xFF) << 16 | (b[snAt + 3] & 0xFF) << 24;
        int encryption = (sn >>> 29) & 0x07;
        if (encryption == 0 || payloadCrcMatches(b, crcAt)) {
            return b;
        }
        if (encryption != 1) {
            throw new DecodeException("extended link layer encryption " + encryption + " is not supported", snAt);
        }
        SecondaryAddress address = SecondaryAddress.fromLinkLayer(b, 2);
        if (key == null) {
            throw new MissingKeyException("telegram is encrypted (extended link layer, AES-CTR) and no key is known for meter "
                    + describe(address), crcAt, address == null ? null : address.toDeviceId(PROTOCOL));
        }
        aesKey(key, "the extended link layer's encryption", crcAt);
        byte[] iv = new byte[16];
        System.arraycopy(b, 2, iv, 0, 8); // M, A of the link layer
        iv[8] = b[ciAt + 1]; // communication control
        System.arraycopy(b, snAt, iv, 9, 4); // session number; frame number and block counter stay 0
        byte[] clear = TelegramCipher.ctr(key, iv, b, crcAt, b.length - crcAt);
        byte[] out = b.clone();
        System.arraycopy(clear, 0, out, crcAt, clear.length);
        if (!payloadCrcMatches(out, crcAt)) {
            throw new WrongKeyException("payload CRC does not match after decryption: wrong key for meter "
                    + describe(address), crcAt, address == null ? null : address.toDeviceId(PROTOCOL));
        }
        return out;
    }

    private static boolean payloadCrcMatches(byte[] b, int crcAt) {
        if (crcAt + 2 > b.length) {
            return false;
        }
        int crc = MbusCrc.crc(b, crcAt + 2, b.length);
        return (b[crcAt] & 0xFF) == (crc & 0xFF) && (b[crcAt + 1] & 0xFF) == (crc >> 8);
    }

    /** Reads the AFL fields; returns the message counter, or -1 when the AFL has none. */
    private static long afl(byte[] b, int from, int to) {
        need(from + 2, to, "AFL fragmentation control", from);
        int fcl = (b[from] & 0xFF) | (b[from + 1] & 0xFF) << 8;
        int q = from + 2;
        if ((fcl & 0x2000) != 0) { // MCL present
            q += 1;
        }
        if ((fcl & 0x0200) != 0) { // key information present
            q += 2;
        }
        if ((fcl & 0x0800) != 0) { // message counter present
            need(q + 4, to, "AFL message counter", q);
            return (b[q] & 0xFFL) | (b[q + 1] & 0xFFL) << 8 | (b[q + 2] & 0xFFL) << 16 | (b[q + 3] & 0xFFL) << 24;
        }
        return -1;
    }

    private static byte[] decrypt(byte[] b, TransportHeader header, SecondaryAddress address, long counter,
                                  byte[] key, int dataStart, int end) {
        int mode = header.securityMode();
        if (mode == 0) {
            return b;
        }
        if (mode != 5 && mode != 7) {
            throw new DecodeException("security mode " + mode + " is not supported (modes 0, 5 and 7 are)",
                    header.dataStart() - 2);
        }
        int blocks = header.encryptedBlocks();
        if (blocks == 0) {
            return b; // the configuration announces no encrypted block: the records are in clear
        }
        int length = blocks * 16;
        boolean alreadyPlain = end - dataStart >= 2 && (b[dataStart] & 0xFF) == 0x2F && (b[dataStart + 1] & 0xFF) == 0x2F;
        if (key == null) {
            if (alreadyPlain) {
                return b; // decrypted upstream (a gateway or a capture tool); the check bytes prove it
            }
            throw new MissingKeyException("telegram is encrypted (security mode " + mode
                    + ") and no key is known for meter " + describe(address), dataStart, address == null ? null : address.toDeviceId(PROTOCOL));
        }
        if (length > end - dataStart) {
            throw new DecodeException("configuration announces " + blocks + " encrypted blocks but only "
                    + (end - dataStart) + " bytes follow", dataStart);
        }
        if (key.length != 16 && alreadyPlain) {
            return b; // as without a key: an 8-byte key opens no EN 13757-7 mode
        }
        aesKey(key, "security mode " + mode, dataStart);
        byte[] iv = new byte[16];
        byte[] aesKey = key;
        if (mode == 5) {
            byte[] a = addressBytes(b, header, address);
            System.arraycopy(a, 0, iv, 0, 8);
            for (int i = 8; i < 16; i++) {
                iv[i] = (byte) header.accessNumber();
            }
        } else {
            if (counter < 0) {
                throw new DecodeException("security mode 7 needs the message counter of the AFL, which is missing",
                        dataStart);
            }
            byte[] a = addressBytes(b, header, address);
            byte[] input = new byte[16];
            input[0] = 0x00; // Kenc, meter to other party
            for (int i = 0; i < 4; i++) {
                input[1 + i] = (byte) (counter >> (8 * i));
                input[5 + i] = a[2 + i];
            }
            for (int i = 9; i < 16; i++) {
                input[i] = 0x07;
            }
            aesKey = TelegramCipher.cmac(key, input);
        }
        byte[] clear = TelegramCipher.decryptCbc(aesKey, iv, b, dataStart, length);
        if ((clear[0] & 0xFF) != 0x2F || (clear[1] & 0xFF) != 0x2F) {
            if (alreadyPlain) {
                return b;
            }
            throw new WrongKeyException("decrypted data does not start with 2F 2F: wrong key for meter "
                    + describe(address), dataStart, address == null ? null : address.toDeviceId(PROTOCOL));
        }
        byte[] out = b.clone();
        System.arraycopy(clear, 0, out, dataStart, length);
        return out;
    }

    /** An 8-byte key is for a manufacturer's own scrambling; the EN 13757-7 ciphers need AES-128. */
    private static void aesKey(byte[] key, String what, int at) {
        if (key.length != 16) {
            throw new DecodeException(what + " needs the meter's AES-128 key of 16 bytes, the key given has "
                    + key.length, at);
        }
    }

    /** M(2) ID(4) VER DEV, in link-layer order, of the meter the header names. */
    private static byte[] addressBytes(byte[] b, TransportHeader header, SecondaryAddress address) {
        byte[] a = new byte[8];
        if (header.address() != null) {
            int at = header.dataStart() - 4 - (header.configExtension() >= 0 ? 1 : 0) - 8;
            a[0] = b[at + 4];
            a[1] = b[at + 5];
            System.arraycopy(b, at, a, 2, 4);
            a[6] = b[at + 6];
            a[7] = b[at + 7];
        } else {
            System.arraycopy(b, 2, a, 0, 8);
        }
        return a;
    }

    private void remember(byte[] b, List<DataRecord> records) {
        List<byte[]> layout = new ArrayList<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (DataRecord r : records) {
            if (r.isManufacturerData()) {
                break;
            }
            byte[] head = new byte[r.dataOffset() - r.offset()];
            System.arraycopy(b, r.offset(), head, 0, head.length);
            layout.add(head);
            all.write(head, 0, head.length);
        }
        byte[] format = all.toByteArray();
        if (format.length > 0) {
            formats.put(MbusCrc.crc(format, 0, format.length), layout);
        }
    }

    /** Rebuilds a full record stream from a compact frame and the remembered layout. */
    private List<DataRecord> compactRecords(byte[] b, int dataStart, int end) {
        while (dataStart + 1 < end && (b[dataStart] & 0xFF) == 0x2F && (b[dataStart + 1] & 0xFF) == 0x2F) {
            dataStart += 2; // the check bytes of a decrypted payload come before the signature
        }
        need(dataStart + 4, end, "compact frame signature", dataStart);
        int signature = (b[dataStart] & 0xFF) | (b[dataStart + 1] & 0xFF) << 8;
        List<byte[]> layout = formats.get(signature);
        if (layout == null) {
            layout = KnownCompactFormats.layout(signature);
        }
        if (layout == null) {
            throw new DecodeException(String.format(
                    "compact frame with format signature %04X, which is not a known layout, and no full frame with that format was seen",
                    signature), dataStart);
        }
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        int p = dataStart + 4;
        for (byte[] head : layout) {
            full.write(head, 0, head.length);
            int n = dataLength(head, p);
            if (p + n > end) {
                throw new DecodeException("compact frame ends inside a value", end);
            }
            full.write(b, p, n);
            p += n;
        }
        byte[] stream = full.toByteArray();
        return VariableDataParser.parse(stream, 0, stream.length).records();
    }

    private static int dataLength(byte[] head, int offset) {
        int[] lengths = {0, 1, 2, 3, 4, 4, 6, 8, 0, 1, 2, 3, 4, -1, 6, 0};
        int n = lengths[head[0] & 0x0F];
        if (n < 0) {
            throw new DecodeException("compact frame layout has a variable-length record", offset);
        }
        return n;
    }

    private static String describe(SecondaryAddress a) {
        return a.manufacturer() + " " + a.id();
    }

    private static void need(int upTo, int end, String what, int at) {
        if (upTo > end) {
            throw new DecodeException("telegram ends inside the " + what, Math.min(at, end));
        }
    }
}
