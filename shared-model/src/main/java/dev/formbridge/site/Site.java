package dev.formbridge.site;

import dev.formbridge.secret.EncryptedSecret;
import dev.formbridge.secret.SecretVersion;
import dev.formbridge.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A sender of submissions, usually one WordPress site, with its signing secret versions: one primary and, after a
 * rotation, the previous one until its grace deadline. {@code version} is the optimistic-lock counter of the stored item.
 */
public record Site(
        TenantId tenantId,
        SiteId id,
        String name,
        String url,
        SiteStatus status,
        List<SecretVersion> secrets,
        Instant createdAt,
        long version) {

    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);

    public Site {
        secrets = List.copyOf(secrets);
    }

    /** A new active site whose first secret version is {@code secret}. */
    public static Site create(
            TenantId tenantId, SiteId id, String name, String url, EncryptedSecret secret, Instant now) {
        return new Site(
                tenantId,
                id,
                requireText("name", name, 200),
                requireText("url", url, 2000),
                SiteStatus.ACTIVE,
                List.of(new SecretVersion(1, secret, now, null)),
                now,
                0);
    }

    public SiteKey key() {
        return SiteKey.of(tenantId, id);
    }

    public boolean isActive() {
        return status == SiteStatus.ACTIVE;
    }

    public SecretVersion primary() {
        return secrets.stream().filter(SecretVersion::isPrimary).findFirst().orElseThrow();
    }

    /** The version number the next rotation will create. */
    public int nextSecretVersion() {
        return secrets.stream().mapToInt(SecretVersion::version).max().orElse(0) + 1;
    }

    /** The versions whose signatures are accepted at {@code now}, primary first. */
    public List<SecretVersion> validSecrets(Instant now) {
        return secrets.stream()
                .filter(s -> s.isValidAt(now))
                .sorted(Comparator.comparing(SecretVersion::isPrimary).reversed())
                .toList();
    }

    /**
     * Makes {@code newSecret} the primary; the current primary stays valid for {@code grace}; an older previous version
     * is dropped (only one previous version exists at a time).
     */
    public Site rotate(EncryptedSecret newSecret, Instant now, Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the grace period cannot be negative");
        }
        SecretVersion current = primary();
        List<SecretVersion> next = new ArrayList<>();
        next.add(new SecretVersion(nextSecretVersion(), newSecret, now, null));
        next.add(new SecretVersion(current.version(), current.secret(), current.createdAt(), now.plus(grace)));
        return withSecrets(next);
    }

    /** Ends the grace period of the previous version now: only the primary verifies afterwards. */
    public Site retirePrevious() {
        return withSecrets(List.of(primary()));
    }

    public Site withStatus(SiteStatus newStatus) {
        return new Site(tenantId, id, name, url, newStatus, secrets, createdAt, version);
    }

    private Site withSecrets(List<SecretVersion> newSecrets) {
        return new Site(tenantId, id, name, url, status, newSecrets, createdAt, version);
    }

    private static String requireText(String what, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException("a site " + what + " has 1 to " + max + " characters");
        }
        return value.strip();
    }
}
