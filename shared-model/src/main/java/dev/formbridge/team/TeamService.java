package dev.formbridge.team;

import dev.formbridge.storage.ConcurrentModificationException;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.Tenant;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.tenant.TenantRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Organisations (tenants), their members and invitations, for the portal. The portal passes the signed-in user from
 * its security context; every change reads that user's role from storage (a role is never taken from the caller).
 *
 * <p>Failures the portal shows: {@link PermissionDeniedException} (the role does not allow it, or an owner rule
 * forbids it), {@link java.util.NoSuchElementException} (not a member of that tenant, or no such member or
 * invitation: a non-member cannot tell whether the tenant exists), {@link InvitationException} with a reason when an
 * invitation cannot be accepted, {@link IllegalArgumentException} for invalid input, and
 * {@link ConcurrentModificationException} when someone changed the same member meanwhile.
 *
 * <p>A tenant has exactly one owner. Without transactions, the owner rules hold by conditional writes on each member
 * item: a member is removed, leaves or changes role only if their stored role is still the (non-owner) one read, and a
 * transfer promotes the new owner before it demotes the old one (see {@link #transferOwnership}), so a race or a
 * failure can leave two owners, never none. The actor's own role is checked by a read just before the write, not by a
 * condition on the same write: a change racing with the actor's own demotion can still go through.
 */
public final class TeamService {
    /** The longest organisation name, after surrounding spaces are removed. */
    public static final int MAX_NAME_LENGTH = 80;

    /** The longest an invitation can be valid. */
    public static final Duration MAX_INVITATION_VALIDITY = Duration.ofDays(30);

    private final TenantRepository tenants;
    private final MemberRepository members;
    private final Permissions permissions;
    private final Invitations invitations;
    private final Clock clock;

    public TeamService(Storage storage, Clock clock) {
        this.tenants = new TenantRepository(storage);
        this.members = new MemberRepository(storage);
        this.permissions = new Permissions(members);
        this.invitations = new Invitations(new InvitationRepository(storage), members, permissions, clock);
        this.clock = clock;
    }

    /** An invitation with its token: put the token in the link sent to the invitee, show it once, then drop it. */
    public record NewInvitation(Invitation invitation, String token) {
        @Override
        public String toString() {
            return "NewInvitation[" + invitation + ", token hidden]";
        }
    }

    /** Creates a tenant named {@code name} (1 to {@value #MAX_NAME_LENGTH} characters) with the user as its owner. */
    public Tenant createOrganisation(String userId, String email, String name) {
        Actor owner = new Actor(userId, email);
        Instant now = clock.instant();
        Tenant tenant = tenants.save(Tenant.create(requireName(name), now));
        // a new tenant has no members, so this cannot collide; if it fails, the tenant has no member and nobody sees it
        members.create(new Member(tenant.id(), owner.userId(), owner.email(), Role.OWNER, now));
        return tenant;
    }

    /** The tenants the user belongs to with their role in each, by tenant name (the user index lags by a moment). */
    public List<Membership> memberships(String userId) {
        return members.ofUser(Actor.requireUserId(userId)).stream()
                .flatMap(member -> tenants.find(member.tenantId()).map(t -> new Membership(t, member.role())).stream())
                .sorted(Comparator.comparing((Membership m) -> m.tenant().name().toLowerCase(Locale.ROOT))
                        .thenComparing(m -> m.tenant().id().value()))
                .toList();
    }

    /** The user's membership of the tenant, empty if they are not a member (or the tenant does not exist). */
    public Optional<Member> membership(TenantId tenant, String userId) {
        return members.find(tenant, Actor.requireUserId(userId));
    }

    /** The tenant's members: the owner, then admins, then viewers, each by e-mail address. */
    public List<Member> members(TenantId tenant) {
        return members.list(tenant).stream()
                .sorted(Comparator.comparing(Member::role)
                        .thenComparing(m -> m.email().toLowerCase(Locale.ROOT)))
                .toList();
    }

    /**
     * Invites {@code email} to join as ADMIN or VIEWER, valid for {@code validFor} (at most
     * {@link #MAX_INVITATION_VALIDITY}; the portal picks the default). Owners and admins only.
     */
    public NewInvitation invite(TenantId tenant, Actor actor, String email, Role role, Duration validFor) {
        return invitations.invite(tenant, actor, email, role, validFor);
    }

    /**
     * Makes the signed-in user a member with the invitation's role. The invitation must be for their e-mail address
     * (ignoring case), open, and not used; it works once, however many accept it at the same time.
     *
     * @throws InvitationException with the reason the portal should show
     */
    public Member accept(String token, String userId, String email) {
        return invitations.accept(token, userId, email);
    }

    /** Withdraws a pending invitation (a revoked one stays revoked). Owners and admins only. */
    public Invitation revokeInvitation(TenantId tenant, Actor actor, InvitationId invitation) {
        return invitations.revoke(tenant, actor, invitation);
    }

    /** The invitations that can still be accepted, oldest first. */
    public List<Invitation> pendingInvitations(TenantId tenant) {
        return invitations.pending(tenant);
    }

    /** Removes a member. Owners and admins only; the owner cannot be removed. */
    public void removeMember(TenantId tenant, Actor actor, String userId) {
        permissions.requireManager(tenant, actor, "remove members");
        Member target = permissions.target(tenant, userId);
        if (target.role() == Role.OWNER) {
            throw new PermissionDeniedException(
                    "The owner cannot be removed; the owner can transfer ownership to another member first.");
        }
        if (!members.delete(target)) {
            throw new ConcurrentModificationException("member " + userId);
        }
    }

    /** The actor leaves the tenant. The owner must transfer ownership first. */
    public void leave(TenantId tenant, Actor actor) {
        Member self = permissions.actingMember(tenant, actor);
        if (self.role() == Role.OWNER) {
            throw new PermissionDeniedException("The owner cannot leave; transfer ownership to another member first.");
        }
        if (!members.delete(self)) {
            throw new ConcurrentModificationException("your membership");
        }
    }

    /** Makes a member an ADMIN or a VIEWER. Owners and admins only; the owner's role moves only by a transfer. */
    public Member changeRole(TenantId tenant, Actor actor, String userId, Role role) {
        permissions.requireManager(tenant, actor, "change roles");
        if (role == null || role == Role.OWNER) {
            throw new IllegalArgumentException(
                    "a member's role can be changed to ADMIN or VIEWER; to make someone the owner, transfer ownership");
        }
        Member target = permissions.target(tenant, userId);
        if (target.role() == Role.OWNER) {
            throw new PermissionDeniedException(
                    "The owner's role cannot be changed; the owner can transfer ownership instead.");
        }
        if (target.role() == role) {
            return target;
        }
        Member changed = target.withRole(role);
        if (!members.replace(changed, target.role())) {
            throw new ConcurrentModificationException("member " + userId);
        }
        return changed;
    }

    /**
     * Turns the actor's own notification e-mails (sent to owners and admins when a connector fails for good or for
     * long) on or off. Any member may; only owners and admins receive them.
     */
    public Member setNotifications(TenantId tenant, Actor actor, boolean enabled) {
        Member self = permissions.actingMember(tenant, actor);
        if (self.notifications() == enabled) {
            return self;
        }
        Member changed = self.withNotifications(enabled);
        if (!members.replace(changed, self.role())) {
            throw new ConcurrentModificationException("your membership");
        }
        return changed;
    }

    /**
     * Makes another member the owner; the actor, who must be the owner, becomes an ADMIN. Returns the new owner.
     *
     * <p>The new owner is promoted first, then the old one demoted on condition that they are still the owner. If that
     * second write fails (a concurrent transfer won), this transfer's promotion is undone, so of two concurrent
     * transfers one wins. A promotion is stamped with its transfer, so only that transfer can undo it; repeating a
     * transfer that stopped half-way re-stamps the new owner and completes it. Concurrent transfers to the same and to
     * other members at once, or a failing store, can leave two owners; nothing here can leave none.
     */
    public Member transferOwnership(TenantId tenant, Actor actor, String newOwnerUserId) {
        Member self = permissions.actingMember(tenant, actor);
        if (self.role() != Role.OWNER) {
            throw new PermissionDeniedException("Only the owner can transfer ownership.");
        }
        if (Objects.equals(self.userId(), newOwnerUserId)) {
            throw new IllegalArgumentException("you are the owner already; choose another member");
        }
        Member target = permissions.target(tenant, newOwnerUserId);
        String transfer = UUID.randomUUID().toString();
        if (!members.promote(target, transfer)) {
            throw new ConcurrentModificationException("member " + newOwnerUserId);
        }
        if (!members.replace(self.withRole(Role.ADMIN), Role.OWNER)) {
            if (target.role() != Role.OWNER) {
                members.undoPromotion(target, transfer);
            }
            throw new ConcurrentModificationException("ownership of this organisation");
        }
        return target.withRole(Role.OWNER);
    }

    private static String requireName(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("an organisation needs a name");
        }
        int length = stripped.codePointCount(0, stripped.length());
        if (length > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "an organisation name has at most " + MAX_NAME_LENGTH + " characters; this one has " + length);
        }
        return stripped;
    }
}
