package dev.formbridge.ingest;

import dev.formbridge.secret.SecretCipher;
import dev.formbridge.secret.SecretVersion;
import dev.formbridge.secret.SigningSecret;
import dev.formbridge.site.Site;
import dev.formbridge.site.SiteKey;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decrypted signing secrets, cached per site and version: a version's key never changes, so each is decrypted once per
 * container (one KMS call in AWS). Rotation creates a new version number; retirement just stops asking for the old one.
 */
final class SigningKeys {
    private static final int MAX_ENTRIES = 50_000;

    private final SecretCipher cipher;
    private final ConcurrentHashMap<String, SigningSecret> decrypted = new ConcurrentHashMap<>();

    SigningKeys(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** A secret version valid at the time asked, with its key; {@code primary}: the current one (else the previous). */
    record VersionKey(int version, boolean primary, SigningSecret secret) {}

    /** The site's secret versions valid at {@code now}, primary first, decrypted. */
    List<VersionKey> validAt(Site site, Instant now) {
        return site.validSecrets(now).stream()
                .map(v -> new VersionKey(v.version(), v.isPrimary(), decrypt(site.key(), v)))
                .toList();
    }

    private SigningSecret decrypt(SiteKey key, SecretVersion version) {
        String cacheKey = key.secretContext(version.version());
        SigningSecret cached = decrypted.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        if (decrypted.size() > MAX_ENTRIES) {
            decrypted.clear();
        }
        SigningSecret secret = SigningSecret.fromKey(cipher.decrypt(version.secret(), cacheKey));
        decrypted.put(cacheKey, secret);
        return secret;
    }
}
