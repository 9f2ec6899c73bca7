package dev.formbridge.secret;

/**
 * Port: envelope encryption of secrets at rest. {@code context} binds a ciphertext to its owner (tenant, site,
 * version), so a ciphertext copied to another site's item does not decrypt there.
 */
public interface SecretCipher {
    EncryptedSecret encrypt(byte[] plaintext, String context);

    /** The plaintext; throws {@link SecretCipherException} when the ciphertext, key or context does not match. */
    byte[] decrypt(EncryptedSecret secret, String context);

    /** Encryption or decryption failed: tampered data, a wrong key or context, or the key service unavailable. */
    final class SecretCipherException extends RuntimeException {
        public SecretCipherException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
