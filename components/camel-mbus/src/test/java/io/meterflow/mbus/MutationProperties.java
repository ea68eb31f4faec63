package io.meterflow.mbus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterflow.mbus.codec.Hex;
import io.meterflow.mbus.codec.MbusDecoder;
import io.meterflow.mbus.wireless.WirelessDecoder;
import io.meterflow.model.DecodeException;
import io.meterflow.model.Telegram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every conformance frame, damaged: bit flips, truncation, wrong length fields, random bytes
 * overwritten or appended. Decoding must give a telegram or a DecodeException, nothing else, and
 * quickly (a hang or a runaway allocation would show as a time far above the limit).
 */
class MutationProperties {

    private static final List<byte[]> WIRED = load(true);
    private static final List<byte[]> WIRELESS = load(false);
    private static final byte[] KEY = Hex.decode("82B0551191F51D66EFCDAB8967452301");

    record Mutation(int kind, int position, int value, int length) {
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(1, 8)).as(Mutation::new);
    }

    static byte[] mutate(byte[] frame, Mutation m) {
        byte[] b = frame.clone();
        int p = m.position() % b.length;
        switch (m.kind()) {
            case 0: // bit flip
                b[p] ^= (byte) (1 << (m.value() & 7));
                return b;
            case 1: // truncation
                byte[] t = new byte[p];
                System.arraycopy(b, 0, t, 0, p);
                return t;
            case 2: // a wrong length field (wired: both L bytes, so the damage gets past the first check)
                b[0 < b.length && (b[0] & 0xFF) == 0x68 && b.length > 2 ? 1 : 0] = (byte) m.value();
                if ((b[0] & 0xFF) == 0x68 && b.length > 2) {
                    b[2] = (byte) m.value();
                }
                return b;
            case 3: // random bytes overwritten
                for (int i = 0; i < m.length() && p + i < b.length; i++) {
                    b[p + i] = (byte) (m.value() * (i + 7) + i);
                }
                return b;
            case 4: // random bytes appended
                byte[] longer = new byte[b.length + m.length()];
                System.arraycopy(b, 0, longer, 0, b.length);
                for (int i = b.length; i < longer.length; i++) {
                    longer[i] = (byte) (m.value() + i);
                }
                return longer;
            default: // a byte removed
                byte[] shorter = new byte[Math.max(0, b.length - 1)];
                System.arraycopy(b, 0, shorter, 0, p);
                System.arraycopy(b, p + 1, shorter, p, b.length - p - 1);
                return shorter;
        }
    }

    @Property(tries = 1500)
    void damagedWiredFramesGiveATelegramOrADecodeException(@ForAll("mutations") Mutation m,
                                                           @ForAll("wiredIndex") int index) {
        byte[] frame = mutate(WIRED.get(index), m);
        decodeSafely(() -> new MbusDecoder().decode(frame));
    }

    /** Damage behind a correct checksum, so that it reaches the record parser. */
    @Property(tries = 1500)
    void damagedRecordsBehindAValidChecksumGiveATelegramOrADecodeException(@ForAll("mutations") Mutation m,
                                                                          @ForAll("wiredIndex") int index) {
        byte[] original = WIRED.get(index);
        if (original.length < 10 || (original[0] & 0xFF) != 0x68 || (original[1] & 0xFF) + 6 != original.length) {
            return;
        }
        byte[] b = original.clone();
        int l = b[1] & 0xFF;
        int p = 7 + m.position() % (l - 3);
        for (int i = 0; i < m.length() && p + i < 4 + l; i++) {
            b[p + i] = (byte) (m.kind() == 0 ? b[p + i] ^ (1 << (m.value() & 7)) : m.value() * (i + 3));
        }
        int sum = 0;
        for (int i = 4; i < 4 + l; i++) {
            sum += b[i] & 0xFF;
        }
        b[4 + l] = (byte) sum;
        decodeSafely(() -> new MbusDecoder().decode(b));
    }

    @Property(tries = 1500)
    void damagedWirelessTelegramsGiveATelegramOrADecodeException(@ForAll("mutations") Mutation m,
                                                                 @ForAll("wirelessIndex") int index,
                                                                 @ForAll boolean withKey) {
        byte[] telegram = mutate(WIRELESS.get(index), m);
        decodeSafely(() -> new WirelessDecoder().decode(telegram, withKey ? KEY : null));
    }

    @Property(tries = 500)
    void randomBytesGiveATelegramOrADecodeException(@ForAll byte[] bytes, @ForAll boolean wired) {
        decodeSafely(() -> wired ? new MbusDecoder().decode(bytes) : new WirelessDecoder().decode(bytes, null));
    }

    @Provide
    Arbitrary<Integer> wiredIndex() {
        return Arbitraries.integers().between(0, WIRED.size() - 1);
    }

    @Provide
    Arbitrary<Integer> wirelessIndex() {
        return Arbitraries.integers().between(0, WIRELESS.size() - 1);
    }

    private static void decodeSafely(java.util.function.Supplier<Telegram> decode) {
        long start = System.nanoTime();
        try {
            Telegram t = decode.get();
            assertThat(t).isNotNull();
        } catch (DecodeException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds for one decode").isLessThan(500);
    }

    private static List<byte[]> load(boolean wired) {
        List<byte[]> out = new ArrayList<>();
        try {
            if (wired) {
                for (String dir : List.of("test-frames", "error-frames", "unsupported-frames")) {
                    for (Path p : LibmbusConformanceTest.list("mbus/libmbus/" + dir)) {
                        try {
                            out.add(Hex.decode(Files.readString(p)));
                        } catch (DecodeException notHex) {
                            // an error frame that is not even whole bytes
                        }
                    }
                }
                return out;
            }
            ObjectMapper json = new ObjectMapper();
            try (Stream<Path> s = Files.list(TestData.resolve("wmbus/wmbusmeters"))) {
                for (Path p : s.sorted().toList()) {
                    for (String line : Files.readAllLines(p)) {
                        JsonNode c = json.readTree(line);
                        try {
                            out.add(Hex.decode(c.get("telegram_hex").asText()));
                        } catch (DecodeException notHex) {
                            // a few upstream cases are not even hex; the conformance test counts them
                        }
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
