package dev.formbridge.secret;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret: {@code whsec_} followed by the base64 of 24–64 random bytes. The key bytes are
 * the HMAC key. {@link #toString()} never shows the secret, so it cannot leak through a log line by accident; call
 * {@link #reveal()} only where the secret must be shown to its owner, once.
 */
public final class SigningSecret {
    public static final String PREFIX = "whsec_";
    public static final int MIN_BYTES = 24;
    public static final int MAX_BYTES = 64;
    private static final int GENERATED_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private SigningSecret(byte[] key) {
        this.key = key;
    }

    /** A fresh secret of 32 random bytes. */
    public static SigningSecret generate() {
        byte[] key = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(key);
        return new SigningSecret(key);
    }

    /** Parses {@code whsec_<base64>}; throws {@link InvalidSecretException} saying what is wrong (never echoing it). */
    public static SigningSecret parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new InvalidSecretException("a signing secret starts with \"" + PREFIX + "\"");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidSecretException("the part after \"" + PREFIX + "\" is not valid base64");
        }
        return fromKey(key);
    }

    /** Wraps raw key bytes (as stored encrypted); the length rule of the text form applies. */
    public static SigningSecret fromKey(byte[] key) {
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new InvalidSecretException("a signing secret holds " + MIN_BYTES + " to " + MAX_BYTES
                    + " bytes of key, this one holds " + key.length);
        }
        return new SigningSecret(key.clone());
    }

    /** The HMAC key; a copy, so callers cannot change the secret. */
    public byte[] key() {
        return key.clone();
    }

    byte[] keyForSigning() {
        return key;
    }

    /** The full secret in its text form, for showing to its owner once. */
    public String reveal() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SigningSecret that && java.security.MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return PREFIX + "…(hidden)";
    }

    /** A secret that does not follow the {@code whsec_} format. */
    public static final class InvalidSecretException extends IllegalArgumentException {
        public InvalidSecretException(String message) {
            super("invalid signing secret: " + message);
        }
    }
}
