package io.meterflow.dlms.security;

import io.meterflow.model.DecodeException;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * DLMS/COSEM security suite 0 (Green Book 9.2.7): AES-128-GCM with a 12-byte tag. The IV is the
 * 8-byte system title followed by the 4-byte invocation counter. The security control byte says
 * which protections apply:
 * <ul>
 *   <li>authenticated and encrypted (0x30): GCM over the plaintext, AAD = SC || AK;</li>
 *   <li>encrypted only (0x20): the GCM keystream without a tag (AES-CTR from counter 2);</li>
 *   <li>authenticated only (0x10): plaintext sent clear, tag = GMAC over SC || AK || plaintext.</li>
 * </ul>
 */
public final class SecuritySuite0 {

    public static final int TAG_LENGTH = 12;
    public static final int AUTHENTICATED = 0x10;
    public static final int ENCRYPTED = 0x20;
    public static final int BROADCAST_KEY = 0x40;
    public static final int COMPRESSED = 0x80;

    private SecuritySuite0() {
    }

    public static byte[] iv(byte[] systemTitle, long invocationCounter) {
        if (systemTitle == null || systemTitle.length != 8) {
            throw new DecodeException("system title must be 8 bytes but is "
                    + (systemTitle == null ? "missing" : systemTitle.length + " bytes"));
        }
        byte[] iv = Arrays.copyOf(systemTitle, 12);
        iv[8] = (byte) (invocationCounter >>> 24);
        iv[9] = (byte) (invocationCounter >>> 16);
        iv[10] = (byte) (invocationCounter >>> 8);
        iv[11] = (byte) invocationCounter;
        return iv;
    }

    /**
     * Removes the protection from the ciphered part of a secured APDU (the bytes after the
     * security header) and checks its tag.
     *
     * @throws DecodeException if a key is missing or the tag does not match
     */
    public static byte[] unprotect(int securityControl, byte[] systemTitle, long invocationCounter, byte[] ciphered,
                                   byte[] encryptionKey, byte[] authenticationKey) {
        checkSuite(securityControl);
        if ((securityControl & COMPRESSED) != 0) {
            throw new DecodeException("compressed secured APDUs are not supported");
        }
        boolean auth = (securityControl & AUTHENTICATED) != 0;
        boolean enc = (securityControl & ENCRYPTED) != 0;
        byte[] iv = iv(systemTitle, invocationCounter);
        requireKey(encryptionKey, "encryption");
        if (auth) {
            requireKey(authenticationKey, "authentication");
        }
        try {
            if (auth && enc) {
                if (ciphered.length < TAG_LENGTH) {
                    throw new DecodeException("ciphered content shorter than the 12-byte tag");
                }
                Cipher c = gcm(Cipher.DECRYPT_MODE, encryptionKey, iv);
                c.updateAAD(aad(securityControl, authenticationKey, null));
                return c.doFinal(ciphered);
            }
            if (enc) {
                return ctr(encryptionKey, iv, ciphered);
            }
            if (auth) {
                if (ciphered.length < TAG_LENGTH) {
                    throw new DecodeException("authenticated content shorter than the 12-byte tag");
                }
                byte[] plain = Arrays.copyOf(ciphered, ciphered.length - TAG_LENGTH);
                byte[] tag = Arrays.copyOfRange(ciphered, ciphered.length - TAG_LENGTH, ciphered.length);
                byte[] expected = gmac(securityControl, systemTitle, invocationCounter, encryptionKey,
                        authenticationKey, plain);
                if (!MessageDigest.isEqual(tag, expected)) {
                    throw new DecodeException("authentication tag mismatch: wrong key or tampered frame");
                }
                return plain;
            }
            return ciphered.clone();
        } catch (javax.crypto.AEADBadTagException e) {
            throw new DecodeException("authentication tag mismatch: wrong key or tampered frame", e);
        } catch (GeneralSecurityException e) {
            throw new DecodeException("AES-GCM failed: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts an authenticated and encrypted (0x30) content without checking its tag, for
     * receivers given only the encryption key (many HAN ports hand out no authentication key).
     * The result is not authenticated: callers must say so.
     */
    public static byte[] decryptUnauthenticated(int securityControl, byte[] systemTitle, long invocationCounter,
                                                byte[] ciphered, byte[] encryptionKey) {
        checkSuite(securityControl);
        requireKey(encryptionKey, "encryption");
        if ((securityControl & ENCRYPTED) == 0) {
            return (securityControl & AUTHENTICATED) != 0 && ciphered.length >= TAG_LENGTH
                    ? Arrays.copyOf(ciphered, ciphered.length - TAG_LENGTH) : ciphered.clone();
        }
        int n = (securityControl & AUTHENTICATED) != 0 ? ciphered.length - TAG_LENGTH : ciphered.length;
        if (n < 0) {
            throw new DecodeException("ciphered content shorter than the 12-byte tag");
        }
        try {
            return ctr(encryptionKey, iv(systemTitle, invocationCounter), Arrays.copyOf(ciphered, n));
        } catch (GeneralSecurityException e) {
            throw new DecodeException("AES-CTR failed: " + e.getMessage(), e);
        }
    }

    /** Protects a plaintext APDU; returns the ciphered part (ciphertext and/or tag). */
    public static byte[] protect(int securityControl, byte[] systemTitle, long invocationCounter, byte[] plain,
                                 byte[] encryptionKey, byte[] authenticationKey) {
        checkSuite(securityControl);
        boolean auth = (securityControl & AUTHENTICATED) != 0;
        boolean enc = (securityControl & ENCRYPTED) != 0;
        byte[] iv = iv(systemTitle, invocationCounter);
        requireKey(encryptionKey, "encryption");
        if (auth) {
            requireKey(authenticationKey, "authentication");
        }
        try {
            if (auth && enc) {
                Cipher c = gcm(Cipher.ENCRYPT_MODE, encryptionKey, iv);
                c.updateAAD(aad(securityControl, authenticationKey, null));
                return c.doFinal(plain);
            }
            if (enc) {
                return ctr(encryptionKey, iv, plain);
            }
            if (auth) {
                byte[] tag = gmac(securityControl, systemTitle, invocationCounter, encryptionKey, authenticationKey, plain);
                byte[] out = Arrays.copyOf(plain, plain.length + TAG_LENGTH);
                System.arraycopy(tag, 0, out, plain.length, TAG_LENGTH);
                return out;
            }
            return plain.clone();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed: " + e.getMessage(), e);
        }
    }

    /**
     * An AES-GCM cipher of this thread, set up for {@code key} and {@code iv}. Reusing one cipher
     * per thread spares the provider look-up and, while the key stays the same (all APDUs of a
     * session, all pushes of a meter in a row), the AES key schedule, which profiles of HLS
     * sessions showed among the hottest frames. The JDK refuses to encrypt twice with the same key
     * and IV on one cipher object (a GMAC and an APDU may share them legitimately); a fresh cipher
     * is taken then.
     */
    private static Cipher gcm(int mode, byte[] key, byte[] iv) throws GeneralSecurityException {
        Cipher c = GCM.get();
        try {
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(96, iv));
        } catch (java.security.InvalidAlgorithmParameterException sameKeyAndIv) {
            c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(96, iv));
            GCM.set(c);
        }
        return c;
    }

    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    });

    /**
     * The 12-byte GMAC over SC || AK || data, as used for authentication-only APDUs and for
     * HLS-GMAC (mechanism 5) challenge responses, where data is the challenge.
     */
    public static byte[] gmac(int securityControl, byte[] systemTitle, long invocationCounter, byte[] encryptionKey,
                              byte[] authenticationKey, byte[] data) {
        requireKey(encryptionKey, "encryption");
        requireKey(authenticationKey, "authentication");
        try {
            Cipher c = gcm(Cipher.ENCRYPT_MODE, encryptionKey, iv(systemTitle, invocationCounter));
            c.updateAAD(aad(securityControl, authenticationKey, data));
            return c.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("GMAC failed: " + e.getMessage(), e);
        }
    }

    public static byte[] aad(int securityControl, byte[] authenticationKey, byte[] data) {
        int n = 1 + authenticationKey.length + (data == null ? 0 : data.length);
        byte[] aad = new byte[n];
        aad[0] = (byte) securityControl;
        System.arraycopy(authenticationKey, 0, aad, 1, authenticationKey.length);
        if (data != null) {
            System.arraycopy(data, 0, aad, 1 + authenticationKey.length, data.length);
        }
        return aad;
    }

    /** GCM's encryption without authentication: AES-CTR starting at counter block IV || 00000002. */
    private static byte[] ctr(byte[] key, byte[] iv, byte[] data) throws GeneralSecurityException {
        byte[] counter = Arrays.copyOf(iv, 16);
        counter[15] = 2;
        Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
        return c.doFinal(data);
    }

    private static void checkSuite(int securityControl) {
        int suite = securityControl & 0x0F;
        if (suite != 0) {
            throw new DecodeException("security suite " + suite + " is not supported (only suite 0, AES-128-GCM)");
        }
    }

    private static void requireKey(byte[] key, String kind) {
        if (key == null) {
            throw new DecodeException("the frame is secured but no " + kind + " key is known for the meter");
        }
        if (key.length != 16) {
            throw new DecodeException("the " + kind + " key must be 16 bytes for security suite 0 but is " + key.length);
        }
    }
}
