package dev.formbridge.portal.security;

import dev.formbridge.team.Role;
import dev.formbridge.tenant.TenantId;

/**
 * What a service call may do: the organisation from the security context, the signed-in user and the role they have
 * there right now (read from storage on every call, so a removed member loses access at once).
 */
public record Access(TenantId tenant, CurrentUser.User user, Role role) {

    /** Who did it, for audit events. */
    public String actor() {
        return user.email();
    }
}
