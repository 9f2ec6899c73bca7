package dev.formbridge.team;

import dev.formbridge.tenant.TenantId;
import java.time.Instant;

/** A user's membership of one tenant. {@code userId} is the user's OIDC subject, {@code email} as it was at joining. */
public record Member(TenantId tenantId, String userId, String email, Role role, Instant joinedAt) {
    public Member withRole(Role newRole) {
        return new Member(tenantId, userId, email, newRole, joinedAt);
    }
}
