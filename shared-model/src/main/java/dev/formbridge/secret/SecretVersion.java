package dev.formbridge.secret;

import java.time.Instant;

/**
 * One version of a signing secret (a site's or a webhook connector's), stored encrypted. The primary version has no {@code validUntil}; the previous
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
}
