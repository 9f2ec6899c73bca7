package dev.formbridge.team;

import dev.formbridge.StateConflictException;
import dev.formbridge.team.InvitationException.Reason;
import dev.formbridge.team.TeamService.NewInvitation;
import dev.formbridge.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;

/** Invites, accepts and revokes; {@link TeamService} is their public face. */
final class Invitations {
    private final InvitationRepository invitations;
    private final MemberRepository members;
    private final Permissions permissions;
    private final Clock clock;

    Invitations(InvitationRepository invitations, MemberRepository members, Permissions permissions, Clock clock) {
        this.invitations = invitations;
        this.members = members;
        this.permissions = permissions;
        this.clock = clock;
    }

    NewInvitation invite(TenantId tenant, Actor actor, String email, Role role, Duration ttl) {
        permissions.requireManager(tenant, actor, "invite members");
        String address = Actor.requireEmail(email);
        requireInvitable(role);
        requireValidity(ttl);
        if (members.list(tenant).stream().anyMatch(m -> Actor.sameEmail(m.email(), address))) {
            throw new IllegalArgumentException(address + " is already a member of this organisation");
        }
        Instant now = clock.instant();
        InvitationToken token = InvitationToken.generate(tenant);
        Invitation invitation = new Invitation(
                InvitationId.next(), tenant, address, role, InvitationStatus.PENDING, actor, now, now.plus(ttl));
        invitations.create(invitation, token.secretHash());
        return new NewInvitation(invitation, token.value());
    }

    /**
     * Single use comes from one conditional write, PENDING to ACCEPTED: of two concurrent accepts only one gets past
     * it. The member is written after; if that fails the invitation is reopened so it can be used again.
     */
    Member accept(String token, String userId, String email) {
        Actor user = new Actor(userId, email);
        Invitation invitation = InvitationToken.parse(token)
                .flatMap(invitations::findByToken)
                .orElseThrow(() -> new InvitationException(Reason.NOT_FOUND));
        Instant now = clock.instant();
        refuseIfNotOpen(invitation, user, now);
        if (members.find(invitation.tenantId(), user.userId()).isPresent()) {
            throw new InvitationException(Reason.ALREADY_MEMBER);
        }
        if (!invitations.changeStatus(invitation, InvitationStatus.ACCEPTED)) {
            throw new InvitationException(
                    statusNow(invitation) == InvitationStatus.REVOKED ? Reason.REVOKED : Reason.ALREADY_USED);
        }
        Member member = new Member(invitation.tenantId(), user.userId(), user.email(), invitation.role(), now);
        Invitation accepted = invitation.withStatus(InvitationStatus.ACCEPTED);
        boolean created;
        try {
            created = members.create(member);
        } catch (RuntimeException e) {
            reopen(accepted, e);
            throw e;
        }
        if (!created) {
            InvitationException already = new InvitationException(Reason.ALREADY_MEMBER);
            reopen(accepted, already);
            throw already;
        }
        return member;
    }

    Invitation revoke(TenantId tenant, Actor actor, InvitationId id) {
        permissions.requireManager(tenant, actor, "revoke invitations");
        Invitation invitation = invitations.find(tenant, id).orElseThrow(() -> noInvitation(id));
        if (invitation.status() == InvitationStatus.PENDING
                && invitations.changeStatus(invitation, InvitationStatus.REVOKED)) {
            return invitation.withStatus(InvitationStatus.REVOKED);
        }
        Invitation now = invitations.find(tenant, id).orElseThrow(() -> noInvitation(id));
        if (now.status() == InvitationStatus.ACCEPTED) {
            throw new StateConflictException("This invitation has been accepted already; remove the member instead.");
        }
        return now;
    }

    /** Invitations that can still be accepted, oldest first. */
    List<Invitation> pending(TenantId tenant) {
        Instant now = clock.instant();
        return invitations.list(tenant).stream()
                .filter(invitation -> invitation.isOpen(now))
                .sorted(Comparator.comparing(Invitation::createdAt))
                .toList();
    }

    /** The addressee check comes first, so someone else holding the link learns nothing about its state. */
    private static void refuseIfNotOpen(Invitation invitation, Actor user, Instant now) {
        if (!Actor.sameEmail(invitation.email(), user.email())) {
            throw new InvitationException(Reason.WRONG_USER);
        }
        switch (invitation.status()) {
            case ACCEPTED -> throw new InvitationException(Reason.ALREADY_USED);
            case REVOKED -> throw new InvitationException(Reason.REVOKED);
            case PENDING -> {
                if (invitation.isExpired(now)) {
                    throw new InvitationException(Reason.EXPIRED);
                }
            }
        }
    }

    private InvitationStatus statusNow(Invitation invitation) {
        return invitations
                .find(invitation.tenantId(), invitation.id())
                .map(Invitation::status)
                .orElse(InvitationStatus.ACCEPTED);
    }

    /** Best effort: if even this fails, the invitation stays used and an admin invites again. */
    private void reopen(Invitation accepted, RuntimeException cause) {
        try {
            invitations.changeStatus(accepted, InvitationStatus.PENDING);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void requireInvitable(Role role) {
        if (role == null) {
            throw new IllegalArgumentException("an invitation needs a role (ADMIN or VIEWER)");
        }
        if (role == Role.OWNER) {
            throw new IllegalArgumentException(
                    "nobody can be invited as owner: invite them as ADMIN, then transfer ownership");
        }
    }

    private static void requireValidity(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(TeamService.MAX_INVITATION_VALIDITY) > 0) {
            throw new IllegalArgumentException("an invitation is valid for more than zero and at most "
                    + TeamService.MAX_INVITATION_VALIDITY.toDays() + " days");
        }
    }

    private static NoSuchElementException noInvitation(InvitationId id) {
        return new NoSuchElementException("no invitation " + id + " in this organisation");
    }
}
