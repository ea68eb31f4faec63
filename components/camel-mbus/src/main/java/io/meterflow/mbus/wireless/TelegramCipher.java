package io.meterflow.mbus.wireless;

import io.meterflow.model.DecodeException;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128 as EN 13757-7 / OMS use it: CBC for security modes 5 and 7, CMAC (RFC 4493) for the
 * key derivation of mode 7. The JDK has AES but no CMAC, so CMAC is built on AES-ECB here.
 */
public final class TelegramCipher {

    // Cipher.getInstance looks up providers each time; one instance per thread is reused instead.
    private static final ThreadLocal<Cipher> CBC = ThreadLocal.withInitial(() -> cipher("AES/CBC/NoPadding"));
    private static final ThreadLocal<Cipher> CTR = ThreadLocal.withInitial(() -> cipher("AES/CTR/NoPadding"));
    private static final ThreadLocal<Cipher> ECB = ThreadLocal.withInitial(() -> cipher("AES/ECB/NoPadding"));

    private TelegramCipher() {
    }

    private static Cipher cipher(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + transformation, e);
        }
    }

    public static byte[] decryptCbc(byte[] key, byte[] iv, byte[] data, int from, int length) {
        try {
            Cipher cipher = CBC.get();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(data, from, length);
        } catch (GeneralSecurityException e) {
            throw new DecodeException("AES decryption failed: " + e.getMessage(), e);
        }
    }

    /**
     * AES-CTR of the extended link layer (EN 13757-4): the counter block's last byte is the block
     * counter; the JDK's CTR increments the whole block, which is the same for fewer than 256 blocks.
     */
    static byte[] ctr(byte[] key, byte[] iv, byte[] data, int from, int length) {
        try {
            Cipher cipher = CTR.get();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(data, from, length);
        } catch (GeneralSecurityException e) {
            throw new DecodeException("AES-CTR failed: " + e.getMessage(), e);
        }
    }

    static byte[] encryptCbc(byte[] key, byte[] iv, byte[] data) {
        try {
            Cipher cipher = CBC.get();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new DecodeException("AES encryption failed: " + e.getMessage(), e);
        }
    }

    /** AES-CMAC of RFC 4493. */
    static byte[] cmac(byte[] key, byte[] message) {
        try {
            Cipher ecb = ECB.get();
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            byte[] l = ecb.doFinal(new byte[16]);
            byte[] k1 = shiftXor(l);
            byte[] k2 = shiftXor(k1);
            int n = Math.max(1, (message.length + 15) / 16);
            boolean complete = message.length > 0 && message.length % 16 == 0;
            byte[] last = new byte[16];
            int lastStart = (n - 1) * 16;
            for (int i = 0; i < 16; i++) {
                int j = lastStart + i;
                if (complete) {
                    last[i] = (byte) (message[j] ^ k1[i]);
                } else {
                    byte b = j < message.length ? message[j] : (j == message.length ? (byte) 0x80 : 0);
                    last[i] = (byte) (b ^ k2[i]);
                }
            }
            byte[] x = new byte[16];
            for (int block = 0; block < n - 1; block++) {
                for (int i = 0; i < 16; i++) {
                    x[i] ^= message[block * 16 + i];
                }
                x = ecb.doFinal(x);
            }
            for (int i = 0; i < 16; i++) {
                x[i] ^= last[i];
            }
            return ecb.doFinal(x);
        } catch (GeneralSecurityException e) {
            throw new DecodeException("AES-CMAC failed: " + e.getMessage(), e);
        }
    }

    private static byte[] shiftXor(byte[] in) {
        byte[] out = new byte[16];
        for (int i = 0; i < 15; i++) {
            out[i] = (byte) ((in[i] << 1) | ((in[i + 1] & 0xFF) >>> 7));
        }
        out[15] = (byte) (in[15] << 1);
        if ((in[0] & 0x80) != 0) {
            out[15] ^= (byte) 0x87;
        }
        return out;
    }
}
