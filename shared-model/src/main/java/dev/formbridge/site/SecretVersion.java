package dev.formbridge.site;

import dev.formbridge.secret.EncryptedSecret;
import java.time.Instant;

/**
 * One version of a site's signing secret, stored encrypted. The primary version has no {@code validUntil}; the previous
 * version (after a rotation) stays valid until its grace deadline.
 */
public record SecretVersion(int version, EncryptedSecret secret, Instant createdAt, Instant validUntil) {

    public boolean isPrimary() {
        return validUntil == null;
    }

    /** Whether a signature by this version is accepted at {@code now}. */
    public boolean isValidAt(Instant now) {
        return validUntil == null || now.isBefore(validUntil);
    }

    /** The context bound into the ciphertext: a stored secret decrypts only for its own tenant, site and version. */
    public static String encryptionContext(SiteKey key, int version) {
        return key.value() + "#v" + version;
    }
}
