package org.hepatica.platform.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The stored form of a password: {@code {CRYPT}PBKDF2-SHA256:ITERATIONS:SALT:HASH{CRYPT}} (PBKDF2
 * with HMAC-SHA256 from the JDK, a random 16-byte salt, URL-safe Base64), slow on purpose. Older
 * entries written as Karaf's {@code {CRYPT}HEX{CRYPT}} (one unsalted SHA-256) still verify, and are
 * replaced at the next successful login ({@link #needsUpgrade}). The {@code {CRYPT}} frame keeps
 * Karaf's own realm from taking the value for a plain password (it would hash it again, and it
 * would let the stored value itself in as a password were the platform's realm gone).
 */
public final class PasswordHash {
    /** About 40 ms on the 2-core machines here; successful logins are cached so requests stay fast. */
    static final int ITERATIONS = 120_000;
    private static final String LEGACY = "{CRYPT}";
    private static final String PREFIX = LEGACY + "PBKDF2-SHA256:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    /** The stored form of {@code password}, with a new salt. */
    public static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return PREFIX + ITERATIONS + ":" + b64.encodeToString(salt) + ":"
                + b64.encodeToString(pbkdf2(password, salt, ITERATIONS)) + LEGACY;
    }

    /** Whether {@code password} is the one {@code stored} was made from (constant time in the hash). */
    public static boolean verify(char[] password, String stored) {
        if (stored == null) {
            return false;
        }
        if (stored.startsWith(PREFIX) && stored.endsWith(LEGACY)) {
            String[] parts = stored.substring(PREFIX.length(), stored.length() - LEGACY.length()).split(":");
            if (parts.length != 3) {
                return false;
            }
            try {
                int iterations = Integer.parseInt(parts[0]);
                byte[] salt = Base64.getUrlDecoder().decode(parts[1]);
                byte[] expected = Base64.getUrlDecoder().decode(parts[2]);
                return iterations > 0 && MessageDigest.isEqual(expected, pbkdf2(password, salt, iterations));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        if (stored.startsWith(LEGACY) && stored.endsWith(LEGACY) && stored.length() > 2 * LEGACY.length()) {
            String hex = stored.substring(LEGACY.length(), stored.length() - LEGACY.length());
            byte[] digest = sha256(new String(password).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII),
                    hex.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        }
        return false; // plain-text passwords are not accepted
    }

    /** Whether {@code stored} should be rewritten in the current form after a successful login. */
    public static boolean needsUpgrade(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return true;
        }
        try {
            return Integer.parseInt(stored.substring(PREFIX.length(), stored.indexOf(':', PREFIX.length()))) < ITERATIONS;
        } catch (RuntimeException e) {
            return true;
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
