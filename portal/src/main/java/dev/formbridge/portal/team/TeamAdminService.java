package dev.formbridge.portal.team;

import dev.formbridge.portal.audit.AuditTrail;
import dev.formbridge.portal.security.Access;
import dev.formbridge.portal.security.CurrentUser;
import dev.formbridge.portal.security.TenantContext;
import dev.formbridge.team.Actor;
import dev.formbridge.team.Invitation;
import dev.formbridge.team.InvitationId;
import dev.formbridge.team.Member;
import dev.formbridge.team.Role;
import dev.formbridge.team.TeamService;
import dev.formbridge.tenant.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Organisations and their members as the portal offers them: every call acts for the signed-in user in the selected
 * organisation (from the security context), shared-model checks the user's role from storage, and every change is
 * audited.
 */
@Service
public class TeamAdminService {
    public static final Duration INVITATION_VALIDITY = Duration.ofDays(7);

    private final TeamService team;
    private final TenantContext tenants;
    private final CurrentUser currentUser;
    private final AuditTrail audit;

    public TeamAdminService(TeamService team, TenantContext tenants, CurrentUser currentUser, AuditTrail audit) {
        this.team = team;
        this.tenants = tenants;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    /** A new organisation with the signed-in user as its owner; it becomes the selected one. */
    public Tenant createOrganisation(String name) {
        CurrentUser.User user = currentUser.get();
        Tenant tenant = team.createOrganisation(user.id(), user.email(), name);
        tenants.select(tenant.id());
        audit.record(
                tenant.id(),
                user.email(),
                "organisation.created",
                tenant.id().value(),
                null,
                Map.of("name", tenant.name()));
        return tenant;
    }

    public List<Member> members() {
        return team.members(tenants.read().tenant());
    }

    public List<Invitation> pendingInvitations() {
        Access access = tenants.read();
        return access.role().canManageMembers() ? team.pendingInvitations(access.tenant()) : List.of();
    }

    /** Invites {@code email} with {@code role}; the token inside the returned link is shown once. */
    public TeamService.NewInvitation invite(String email, Role role) {
        Access access = tenants.change();
        TeamService.NewInvitation invitation =
                team.invite(access.tenant(), actor(access), email, role, INVITATION_VALIDITY);
        audit.record(
                access.tenant(),
                access.actor(),
                "member.invited",
                invitation.invitation().id().value(),
                null,
                Map.of("email", invitation.invitation().email(), "role", role.name()));
        return invitation;
    }

    public void revokeInvitation(InvitationId id) {
        Access access = tenants.change();
        Invitation revoked = team.revokeInvitation(access.tenant(), actor(access), id);
        audit.record(
                access.tenant(),
                access.actor(),
                "invitation.revoked",
                id.value(),
                Map.of("email", revoked.email()),
                null);
    }

    /** Accepts an invitation for the signed-in user (the e-mail must match) and switches to its organisation. */
    public Member accept(String token) {
        CurrentUser.User user = currentUser.get();
        Member member = team.accept(token, user.id(), user.email());
        tenants.select(member.tenantId());
        audit.record(
                member.tenantId(),
                user.email(),
                "member.joined",
                user.id(),
                null,
                Map.of("email", member.email(), "role", member.role().name()));
        return member;
    }

    public void changeRole(String userId, Role role) {
        Access access = tenants.change();
        Member changed = team.changeRole(access.tenant(), actor(access), userId, role);
        audit.record(
                access.tenant(),
                access.actor(),
                "member.role_changed",
                userId,
                null,
                Map.of("email", changed.email(), "role", role.name()));
    }

    public void removeMember(String userId) {
        Access access = tenants.change();
        team.removeMember(access.tenant(), actor(access), userId);
        audit.record(access.tenant(), access.actor(), "member.removed", userId, null, null);
    }

    public void transferOwnership(String newOwnerUserId) {
        Access access = tenants.change();
        team.transferOwnership(access.tenant(), actor(access), newOwnerUserId);
        audit.record(
                access.tenant(),
                access.actor(),
                "organisation.ownership_transferred",
                newOwnerUserId,
                Map.of("owner", access.user().id()),
                Map.of("owner", newOwnerUserId));
    }

    /** The signed-in user leaves the selected organisation. */
    public void leave() {
        Access access = tenants.read();
        team.leave(access.tenant(), actor(access));
        audit.record(
                access.tenant(), access.actor(), "member.left", access.user().id(), null, null);
    }

    /** Whether the signed-in user gets e-mails about failing connectors of the selected organisation. */
    public boolean myNotifications() {
        Access access = tenants.read();
        return team.membership(access.tenant(), access.user().id())
                .map(Member::notifications)
                .orElse(false);
    }

    /** Turns the signed-in user's e-mails about failing connectors on or off (each member decides for themselves). */
    public void setMyNotifications(boolean enabled) {
        Access access = tenants.read();
        team.setNotifications(access.tenant(), actor(access), enabled);
        audit.record(
                access.tenant(),
                access.actor(),
                "member.notifications_changed",
                access.user().id(),
                null,
                Map.of("notifications", enabled));
    }

    /** The role of the signed-in user in the selected organisation. */
    public Role myRole() {
        return tenants.read().role();
    }

    private static Actor actor(Access access) {
        return new Actor(access.user().id(), access.user().email());
    }
}
