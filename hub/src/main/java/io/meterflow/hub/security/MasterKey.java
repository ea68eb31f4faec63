package io.meterflow.hub.security;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts meter keys at rest with AES-256-GCM under the master key from configuration
 * ({@code meterflow.security.master-key}, 32 bytes as hex or base64). The meter and key kind are
 * bound in as associated data, so a ciphertext copied onto another meter's row does not decrypt.
 */
public final class MasterKey {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public MasterKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes (AES-256), was " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** Parses 64 hex digits or base64 of 32 bytes. */
    public static MasterKey parse(String text) {
        String t = text.trim();
        byte[] bytes;
        if (t.matches("[0-9a-fA-F]{64}")) {
            bytes = HexFormat.of().parseHex(t);
        } else {
            try {
                bytes = Base64.getDecoder().decode(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("meterflow.security.master-key must be 64 hex digits or base64 of 32 bytes");
            }
        }
        return new MasterKey(bytes);
    }

    public static String generateHex() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public record Sealed(byte[] nonce, byte[] ciphertext) {
    }

    public Sealed seal(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new Sealed(nonce, c.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public byte[] open(Sealed sealed, String context) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            c.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return c.doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a meter key did not decrypt: wrong master key, or the row was altered", e);
        }
    }
}
