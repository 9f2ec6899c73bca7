package dev.formbridge.team;

import dev.formbridge.tenant.TenantId;
import java.util.NoSuchElementException;

/**
 * Reads the acting user's membership from storage before every change. Someone who is not a member is told the tenant
 * does not exist, whether it does or not.
 */
final class Permissions {
    private final MemberRepository members;

    Permissions(MemberRepository members) {
        this.members = members;
    }

    /** The actor's membership as stored, or "no organisation" if they have none. */
    Member actingMember(TenantId tenant, Actor actor) {
        return members.find(tenant, actor.userId()).orElseThrow(() -> noOrganisation(tenant));
    }

    /** The actor's membership if their role may manage members; {@code action} completes "Only owners and admins can". */
    Member requireManager(TenantId tenant, Actor actor, String action) {
        Member acting = actingMember(tenant, actor);
        if (!acting.role().canManageMembers()) {
            throw new PermissionDeniedException("Only owners and admins can " + action + ".");
        }
        return acting;
    }

    /** Another member of the tenant, for an actor who is a member. */
    Member target(TenantId tenant, String userId) {
        return members.find(tenant, Actor.requireUserId(userId))
                .orElseThrow(() -> new NoSuchElementException("no member " + userId + " in this organisation"));
    }

    static NoSuchElementException noOrganisation(TenantId tenant) {
        return new NoSuchElementException("no organisation " + tenant);
    }
}
