package dev.formbridge.audit;

import dev.formbridge.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a tenant's audit log: who ({@code actor}: a user id or e-mail, or {@code system:<component>}) did what
 * ({@code action}, e.g. {@code site.registered}) to which {@code target} (e.g. a site id), when, from where ({@code ip},
 * {@code userAgent}) and, for changes, the state {@code before} and {@code after} as JSON. Those four may be null (a
 * system actor has no origin, a creation has no before); the others are required.
 *
 * <p>{@code seq}, {@code prevHash} and {@code hash} are assigned by {@link AuditRepository#append}: events of a tenant
 * are numbered 1, 2, 3… and each one's {@code hash} covers all its fields and the previous event's hash, so changing,
 * removing or reordering a stored event is detectable. Build a new event with {@link #of}; it has {@code seq} 0 and no
 * hashes until it is appended.
 */
public record AuditEvent(
        TenantId tenantId,
        long seq,
        Instant at,
        String actor,
        String action,
        String target,
        String before,
        String after,
        String ip,
        String userAgent,
        String prevHash,
        String hash) {

    /** A new, not yet appended event without change or origin; add them with {@link #withChange}/{@link #withOrigin}. */
    public static AuditEvent of(TenantId tenantId, Instant at, String actor, String action, String target) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(at, "at");
        requireText(actor, "actor");
        requireText(action, "action");
        Objects.requireNonNull(target, "target");
        return new AuditEvent(tenantId, 0, at, actor, action, target, null, null, null, null, null, null);
    }

    /** This event with the target's state before and after the change, each JSON or null (created, deleted). */
    public AuditEvent withChange(String before, String after) {
        return new AuditEvent(tenantId, seq, at, actor, action, target, before, after, ip, userAgent, null, null);
    }

    /** This event with where the request came from; either may be null (a system actor has no origin). */
    public AuditEvent withOrigin(String ip, String userAgent) {
        return new AuditEvent(tenantId, seq, at, actor, action, target, before, after, ip, userAgent, null, null);
    }

    /** Whether this event is part of a chain (it has a sequence number and a hash). */
    public boolean appended() {
        return seq > 0 && hash != null;
    }

    /** This event as the successor of {@code prevHash} at position {@code seq}, with its hash computed. */
    AuditEvent chained(long seq, String prevHash) {
        AuditEvent unhashed =
                new AuditEvent(tenantId, seq, at, actor, action, target, before, after, ip, userAgent, prevHash, null);
        return new AuditEvent(
                tenantId,
                seq,
                at,
                actor,
                action,
                target,
                before,
                after,
                ip,
                userAgent,
                prevHash,
                AuditHash.of(unhashed));
    }

    private static void requireText(String value, String name) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
