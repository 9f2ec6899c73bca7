package dev.formbridge.tenant;

import java.time.Duration;
import java.time.Instant;

/**
 * An organisation using Form-Bridge. {@code retention} is how long its submissions are kept; {@code version} is the
 * optimistic-lock counter of its stored item (0 before the first save).
 */
public record Tenant(
        TenantId id, String name, TenantStatus status, Duration retention, Instant createdAt, long version) {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    public static Tenant create(String name, Instant now) {
        return new Tenant(TenantId.next(), requireName(name), TenantStatus.ACTIVE, DEFAULT_RETENTION, now, 0);
    }

    public boolean isActive() {
        return status == TenantStatus.ACTIVE;
    }

    public Tenant withStatus(TenantStatus newStatus) {
        return new Tenant(id, name, newStatus, retention, createdAt, version);
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("a tenant name has 1 to 200 characters");
        }
        return name.strip();
    }
}
