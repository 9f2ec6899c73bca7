package dev.formbridge.team;

import dev.formbridge.tenant.TenantId;
import java.time.Instant;

/**
 * An invitation to join a tenant with a role, addressed to one e-mail address and valid until {@code validUntil}. The
 * token that accepts it is not part of it: only a hash of the token's secret is stored.
 */
public record Invitation(
        InvitationId id,
        TenantId tenantId,
        String email,
        Role role,
        InvitationStatus status,
        Actor invitedBy,
        Instant createdAt,
        Instant validUntil) {

    /** Whether it can still be accepted at {@code now}. */
    public boolean isOpen(Instant now) {
        return status == InvitationStatus.PENDING && now.isBefore(validUntil);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(validUntil);
    }

    Invitation withStatus(InvitationStatus newStatus) {
        return new Invitation(id, tenantId, email, role, newStatus, invitedBy, createdAt, validUntil);
    }
}
