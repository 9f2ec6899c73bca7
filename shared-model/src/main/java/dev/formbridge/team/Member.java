package dev.formbridge.team;

import dev.formbridge.tenant.TenantId;
import java.time.Instant;

/**
 * A user's membership of one tenant. {@code userId} is the user's OIDC subject, {@code email} as it was at joining.
 * {@code notifications}: whether the member gets the e-mails owners and admins get about failing connectors (on
 * unless the member turned them off).
 */
public record Member(
        TenantId tenantId, String userId, String email, Role role, Instant joinedAt, boolean notifications) {

    /** A member with notifications on. */
    public Member(TenantId tenantId, String userId, String email, Role role, Instant joinedAt) {
        this(tenantId, userId, email, role, joinedAt, true);
    }

    public Member withRole(Role newRole) {
        return new Member(tenantId, userId, email, newRole, joinedAt, notifications);
    }

    /** This member with notification e-mails turned on or off. */
    public Member withNotifications(boolean enabled) {
        return new Member(tenantId, userId, email, role, joinedAt, enabled);
    }
}
