package io.meterflow.hub.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API keys: {@code mf_} followed by 32 random bytes in URL-safe base64. Keys carry 256 bits of
 * entropy, so a plain SHA-256 is a sufficient one-way store (a slow password hash buys nothing
 * against a key nobody can guess, and would cost every request).
 */
public final class ApiKeys {

    public static final String PREFIX = "mf_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** What a listing shows of a key: enough to tell keys apart, nothing to use. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), PREFIX.length() + 6));
    }

    public static boolean looksLikeKey(String s) {
        return s != null && s.startsWith(PREFIX) && s.length() == PREFIX.length() + 43;
    }
}
