package io.meterflow.mbus.wireless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meterflow.mbus.codec.Hex;
import io.meterflow.model.DecodeException;
import io.meterflow.model.KeyRequiredException;
import io.meterflow.model.Reading;
import io.meterflow.model.Telegram;
import io.meterflow.model.Unit;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

public class WirelessDecoderTest {

    /** A Kaden water meter, security mode 5 (from the wmbusmeters kadenwater test). */
    public static final String MODE5 = "4e448e2c1782221901077ab5004005339341ab7927f9337cd2175b2f0d121d9a56cbf3fcfcbf0d8ca57d0c"
            + "6741a03a666d99467924a6dbf4de305960917afde729ac19d62a789dce1c66a323cc29cd";
    static final byte[] MODE5_KEY = Hex.decode("82B0551191F51D66EFCDAB8967452301");

    private final WirelessDecoder decoder = new WirelessDecoder();

    @Test
    void decryptsSecurityMode5() {
        Telegram t = decoder.decode(Hex.decode(MODE5), MODE5_KEY);
        assertThat(t.device().serial()).isEqualTo("19228217");
        assertThat(t.device().manufacturer()).isEqualTo("KDN");
        assertThat(t.readings()).anySatisfy(r -> {
            assertThat(r.register()).isEqualTo("8-0:1.0.0*255");
            assertThat(r.value()).isEqualByComparingTo("81.0976");
            assertThat(r.unit()).isEqualTo(Unit.CUBIC_METRE);
        });
        assertThat(t.readings()).anySatisfy(r -> {
            assertThat(r.register()).endsWith("/max");
            assertThat(r.value()).isEqualByComparingTo("1.715");
            assertThat(r.unit()).isEqualTo(Unit.CUBIC_METRE_PER_HOUR);
        });
        assertThat(t.meterTime()).hasToString("2026-06-13T19:36:00Z");
    }

    @Test
    void saysNoKeyAndWrongKeyApart() {
        byte[] telegram = Hex.decode(MODE5);
        assertThatThrownBy(() -> decoder.decode(telegram, null))
                .isInstanceOf(MissingKeyException.class)
                .hasMessage("telegram is encrypted (security mode 5) and no key is known for meter KDN 19228217 at byte 15");
        byte[] wrong = MODE5_KEY.clone();
        wrong[0] ^= 1;
        assertThatThrownBy(() -> decoder.decode(telegram, wrong))
                .isInstanceOf(WrongKeyException.class)
                .hasMessageContaining("wrong key for meter KDN 19228217");
    }

    @Test
    void acceptsFormatATelegramsWithTheirCrcBlocks() {
        byte[] plain = Hex.decode(MODE5);
        byte[] withCrc = LinkLayerFrame.addFormatA(plain);
        assertThat(withCrc).hasSize(plain.length + 2 * 6);
        assertThat(LinkLayerFrame.strip(withCrc).format()).isEqualTo(LinkLayerFrame.Format.FORMAT_A);
        assertThat(decoder.decode(withCrc, MODE5_KEY).readings())
                .isEqualTo(decoder.decode(plain, MODE5_KEY).readings());
    }

    @Test
    void rejectsADamagedCrcBlockAsALengthMismatch() {
        byte[] withCrc = LinkLayerFrame.addFormatA(Hex.decode(MODE5));
        withCrc[11] ^= 0x01;
        assertThatThrownBy(() -> decoder.decode(withCrc, MODE5_KEY)).isInstanceOf(DecodeException.class);
    }

    @Test
    void decodesACompactFrameOfAKnownLayoutWithoutItsFullFrame() {
        // Kamstrup MULTICAL 302: signature F1E7 is in the table of known layouts
        byte[] compact = Hex.decode("25442D2C6767676730048D203AD2684020D81579E7F1D5902C00000000006300007F2A130000");
        Telegram t = new WirelessDecoder().decode(compact, null);
        assertThat(t.readings()).extracting(Reading::value, Reading::unit).contains(
                org.assertj.core.groups.Tuple.tuple(new BigDecimal("44000"), Unit.WATT_HOUR),
                org.assertj.core.groups.Tuple.tuple(new BigDecimal("0.99"), Unit.CUBIC_METRE),
                org.assertj.core.groups.Tuple.tuple(new BigDecimal("1900"), Unit.WATT));
    }

    @Test
    void learnsTheLayoutOfACompactFrameFromTheFullFrameBeforeIt() {
        // a layout in no table: volume (0413) and flow (023B); signature = CRC of 04 13 02 3B
        byte[] records = Hex.decode("0413E8030000" + "023B1000");
        int signature = io.meterflow.mbus.codec.MbusCrc.crc(Hex.decode("0413023B"), 0, 4);
        byte[] full = wireless(0x78, records);
        byte[] compact = wireless(0x79, Hex.decode(String.format("%02X%02X0000", signature & 0xFF, signature >> 8)
                + "D0070000" + "2000"));
        assertThatThrownBy(() -> new WirelessDecoder().decode(compact, null))
                .hasMessageContaining(String.format("format signature %04X", signature));
        decoder.decode(full, null);
        Telegram t = decoder.decode(compact, null);
        assertThat(t.readings()).extracting(Reading::value, Reading::unit).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new BigDecimal("2.000"), Unit.CUBIC_METRE),
                org.assertj.core.groups.Tuple.tuple(new BigDecimal("0.032"), Unit.CUBIC_METRE_PER_HOUR));
    }

    /** A format A telegram without CRC blocks: L, C 0x44, Kamstrup 12345678 water, CI, payload. */
    private static byte[] wireless(int ci, byte[] payload) {
        byte[] head = Hex.decode("442D2C78563412301B");
        byte[] b = new byte[1 + head.length + 1 + payload.length];
        b[0] = (byte) (b.length - 1);
        System.arraycopy(head, 0, b, 1, head.length);
        b[1 + head.length] = (byte) ci;
        System.arraycopy(payload, 0, b, 2 + head.length, payload.length);
        return b;
    }

    /**
     * Mode 7 (OMS): a telegram built here by encrypting with the key derived as EN 13757-7 says
     * (CMAC over 00, message counter, meter id, 07 padding). It checks that decoding inverts that.
     */
    @Test
    void decryptsSecurityMode7WithTheDerivedKey() {
        byte[] key = Hex.decode("000102030405060708090A0B0C0D0E0F");
        byte[] records = Hex.decode("2F2F" + "0413E8030000" + "02FD1700002F2F2F"); // 1.000 m3
        long counter = 0x12345678L;
        byte[] kdf = new byte[16];
        kdf[0] = 0;
        for (int i = 0; i < 4; i++) {
            kdf[1 + i] = (byte) (counter >> (8 * i));
        }
        byte[] id = Hex.decode("78563412");
        System.arraycopy(id, 0, kdf, 5, 4);
        for (int i = 9; i < 16; i++) {
            kdf[i] = 7;
        }
        byte[] kenc = TelegramCipher.cmac(key, kdf);
        byte[] cipher = TelegramCipher.encryptCbc(kenc, new byte[16], records);
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.writeBytes(Hex.decode("00" + "44" + "2D2C" + "78563412" + "01" + "07"));
        t.writeBytes(Hex.decode("90" + "06" + "0008" + "78563412")); // AFL: FCL with counter, the counter
        t.writeBytes(Hex.decode("7A" + "2A" + "00" + "1007" + "00")); // 1 block, mode 7, KDF selection
        t.writeBytes(cipher);
        byte[] b = t.toByteArray();
        b[0] = (byte) (b.length - 1);
        Telegram decoded = decoder.decode(b, key);
        assertThat(decoded.readings()).anySatisfy(r -> {
            assertThat(r.value()).isEqualByComparingTo("1.000");
            assertThat(r.unit()).isEqualTo(Unit.CUBIC_METRE);
        });
        assertThatThrownBy(() -> decoder.decode(b, null)).isInstanceOf(MissingKeyException.class);
    }

    /**
     * Extended link layer with session encryption (AES-CTR): a Kamstrup telegram whose payload was
     * decrypted upstream (its payload CRC matches), encrypted here as EN 13757-4 describes.
     */
    @Test
    void decryptsTheExtendedLinkLayer() {
        byte[] plain = Hex.decode("2E442D2C6767676730048D2039D1684020BCDB7803062C000043060000000314630000426C7F2A022D130001FF2100");
        Telegram expected = new WirelessDecoder().decode(plain, null);
        byte[] key = Hex.decode("00112233445566778899AABBCCDDEEFF");
        byte[] iv = new byte[16];
        System.arraycopy(plain, 2, iv, 0, 8);
        iv[8] = plain[11];
        System.arraycopy(plain, 13, iv, 9, 4);
        byte[] encrypted = plain.clone();
        byte[] cipher = TelegramCipher.ctr(key, iv, plain, 17, plain.length - 17);
        System.arraycopy(cipher, 0, encrypted, 17, cipher.length);

        assertThat(decoder.decode(encrypted, key).readings()).isEqualTo(expected.readings());
        assertThatThrownBy(() -> decoder.decode(encrypted, null)).isInstanceOf(MissingKeyException.class)
                .hasMessageContaining("extended link layer");
        assertThatThrownBy(() -> decoder.decode(encrypted, new byte[16])).isInstanceOf(WrongKeyException.class);
    }

    @Test
    void readsMode5WithNoEncryptedBlocksInClear() {
        byte[] t = Hex.decode("00442D2C78563412010" + "7" + "7A2A000005" + "0413E8030000");
        t[0] = (byte) (t.length - 1);
        assertThat(decoder.decode(t, null).readings()).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualByComparingTo("1.000"));
    }

    @Test
    void cmacMatchesRfc4493() {
        byte[] key = Hex.decode("2b7e151628aed2a6abf7158809cf4f3c");
        assertThat(Hex.encode(TelegramCipher.cmac(key, new byte[0]))).isEqualTo("BB1D6929E95937287FA37D129B756746");
        assertThat(Hex.encode(TelegramCipher.cmac(key, Hex.decode("6bc1bee22e409f96e93d7e117393172a"))))
                .isEqualTo("070A16B46B4D4144F79BDD9DD04A287C");
        assertThat(Hex.encode(TelegramCipher.cmac(key, Hex.decode(
                "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411"))))
                .isEqualTo("DFA66747DE9AE63030CA32611497C827");
    }

    @Test
    void rejectsAKeyOfTheWrongLength() {
        assertThatThrownBy(() -> decoder.decode(Hex.decode(MODE5), new byte[12]))
                .isInstanceOf(DecodeException.class).hasMessageContaining("16 bytes (AES-128) or 8 bytes");
        // an 8-byte key is a PRIOS key: mode 5 says it needs AES-128, where the encrypted data starts
        assertThatThrownBy(() -> decoder.decode(Hex.decode(MODE5), new byte[8]))
                .isInstanceOf(DecodeException.class).isNotInstanceOf(KeyRequiredException.class)
                .hasMessageContaining("security mode 5 needs the meter's AES-128 key of 16 bytes");
    }
}
