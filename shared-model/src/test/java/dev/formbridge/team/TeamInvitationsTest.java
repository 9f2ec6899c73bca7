package dev.formbridge.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.storage.Storage;
import dev.formbridge.team.InvitationException.Reason;
import dev.formbridge.team.TeamService.NewInvitation;
import dev.formbridge.tenant.Tenant;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inviting members and accepting invitations, against a real local DynamoDB server (dynalite). */
class TeamInvitationsTest {
    static final Duration WEEK = Duration.ofDays(7);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    final Actor owner = new Actor("oidc|owner", "owner@acme.example");
    final Actor invitee = new Actor("oidc|invitee", "Invitee@Acme.example");
    Storage storage;
    TeamService team;
    Tenant acme;

    @BeforeEach
    void setUp() {
        storage = LocalDynamo.newStorage();
        team = new TeamService(storage, clock);
        acme = team.createOrganisation(owner.userId(), owner.email(), "Acme");
    }

    NewInvitation inviteInvitee(Role role) {
        return team.invite(acme.id(), owner, "invitee@acme.example", role, WEEK);
    }

    static void refused(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        InvitationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void an_invited_user_accepts_and_becomes_a_member_with_the_invited_role() {
        NewInvitation invitation = inviteInvitee(Role.ADMIN);
        clock.advance(Duration.ofHours(1));

        Member member = team.accept(invitation.token(), invitee.userId(), invitee.email());

        assertThat(member.role()).isEqualTo(Role.ADMIN);
        assertThat(member.joinedAt()).isEqualTo(clock.instant());
        assertThat(team.membership(acme.id(), invitee.userId())).contains(member);
        assertThat(team.memberships(invitee.userId()))
                .singleElement()
                .satisfies(m -> assertThat(m.tenant().id()).isEqualTo(acme.id()));
        assertThat(team.pendingInvitations(acme.id())).isEmpty();
    }

    @Test
    void the_token_names_the_tenant_and_only_a_hash_of_its_secret_is_stored() {
        NewInvitation invitation = inviteInvitee(Role.VIEWER);
        String ulid = acme.id().value().substring(TenantId.PREFIX.length());

        assertThat(invitation.token()).matches("fbi_" + ulid + "_[A-Za-z0-9_-]{43}");
        assertThat(invitation.toString()).doesNotContain(invitation.token());
        assertThat(invitation.invitation().id().value()).startsWith("inv_");
        String secret = invitation.token().substring(invitation.token().length() - 43);
        String everything = storage.dynamo()
                .scan(b -> b.tableName(storage.tableName()))
                .items()
                .toString();
        assertThat(everything).contains(invitation.invitation().id().value()).doesNotContain(secret);
    }

    @Test
    void an_invitation_is_pending_until_accepted_and_lists_who_invited_whom() {
        NewInvitation invitation = inviteInvitee(Role.VIEWER);

        assertThat(team.pendingInvitations(acme.id())).singleElement().satisfies(pending -> {
            assertThat(pending.email()).isEqualTo("invitee@acme.example");
            assertThat(pending.role()).isEqualTo(Role.VIEWER);
            assertThat(pending.invitedBy()).isEqualTo(owner);
            assertThat(pending.validUntil()).isEqualTo(clock.instant().plus(WEEK));
            assertThat(pending).isEqualTo(invitation.invitation());
        });
    }

    @Test
    void an_expired_invitation_is_refused() {
        NewInvitation invitation = inviteInvitee(Role.VIEWER);
        clock.advance(WEEK);

        refused(() -> team.accept(invitation.token(), invitee.userId(), invitee.email()), Reason.EXPIRED);
        assertThat(team.membership(acme.id(), invitee.userId())).isEmpty();
        assertThat(team.pendingInvitations(acme.id())).isEmpty();
    }

    @Test
    void a_used_invitation_is_refused() {
        NewInvitation invitation = inviteInvitee(Role.VIEWER);
        team.accept(invitation.token(), invitee.userId(), invitee.email());

        refused(() -> team.accept(invitation.token(), invitee.userId(), invitee.email()), Reason.ALREADY_USED);
        refused(() -> team.accept(invitation.token(), "oidc|second-account", invitee.email()), Reason.ALREADY_USED);
        assertThat(team.members(acme.id())).hasSize(2);
    }

    @Test
    void an_invitation_for_another_email_address_is_refused_and_stays_open() {
        NewInvitation invitation = inviteInvitee(Role.ADMIN);

        refused(() -> team.accept(invitation.token(), "oidc|mallory", "mallory@evil.example"), Reason.WRONG_USER);

        assertThat(team.membership(acme.id(), "oidc|mallory")).isEmpty();
        assertThat(team.pendingInvitations(acme.id())).hasSize(1);
        assertThat(team.accept(invitation.token(), invitee.userId(), "INVITEE@acme.example")
                        .role())
                .isEqualTo(Role.ADMIN);
    }

    @Test
    void a_revoked_invitation_is_refused_and_no_longer_pending() {
        NewInvitation invitation = inviteInvitee(Role.VIEWER);

        Invitation revoked =
                team.revokeInvitation(acme.id(), owner, invitation.invitation().id());

        assertThat(revoked.status()).isEqualTo(InvitationStatus.REVOKED);
        assertThat(team.pendingInvitations(acme.id())).isEmpty();
        refused(() -> team.accept(invitation.token(), invitee.userId(), invitee.email()), Reason.REVOKED);
        assertThat(team.membership(acme.id(), invitee.userId())).isEmpty();
    }

    @Test
    void an_accepted_invitation_cannot_be_revoked_and_an_unknown_one_is_not_found() {
        NewInvitation invitation = inviteInvitee(Role.VIEWER);
        team.accept(invitation.token(), invitee.userId(), invitee.email());

        assertThatThrownBy(() -> team.revokeInvitation(
                        acme.id(), owner, invitation.invitation().id()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("remove the member instead");
        assertThatThrownBy(() -> team.revokeInvitation(acme.id(), owner, InvitationId.next()))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void an_unknown_token_is_refused() {
        inviteInvitee(Role.VIEWER);
        String wellFormedButUnknown = "fbi_" + acme.id().value().substring(4) + "_" + "A".repeat(43);

        for (String token : List.of(wellFormedButUnknown, "fbi_nonsense", "", "   ")) {
            refused(() -> team.accept(token, invitee.userId(), invitee.email()), Reason.NOT_FOUND);
        }
        refused(() -> team.accept(null, invitee.userId(), invitee.email()), Reason.NOT_FOUND);
    }

    @Test
    void a_tampered_token_is_refused() {
        String token = inviteInvitee(Role.VIEWER).token();
        Tenant other = team.createOrganisation("oidc|other", "other@x.example", "Other");
        char last = token.charAt(token.length() - 1);
        String secretChanged = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        String tenantChanged =
                token.replace(acme.id().value().substring(4), other.id().value().substring(4));

        refused(() -> team.accept(secretChanged, invitee.userId(), invitee.email()), Reason.NOT_FOUND);
        refused(() -> team.accept(tenantChanged, invitee.userId(), invitee.email()), Reason.NOT_FOUND);
        refused(() -> team.accept(token + "x", invitee.userId(), invitee.email()), Reason.NOT_FOUND);
        assertThat(team.memberships(invitee.userId())).isEmpty();
    }

    @Test
    void a_member_accepting_another_invitation_is_told_they_are_a_member_and_the_invitation_stays_open() {
        team.accept(inviteInvitee(Role.VIEWER).token(), invitee.userId(), invitee.email());
        NewInvitation second = team.invite(acme.id(), owner, "new-address@acme.example", Role.ADMIN, WEEK);

        refused(() -> team.accept(second.token(), invitee.userId(), "new-address@acme.example"), Reason.ALREADY_MEMBER);

        assertThat(team.membership(acme.id(), invitee.userId()).orElseThrow().role())
                .isEqualTo(Role.VIEWER);
        assertThat(team.pendingInvitations(acme.id()))
                .extracting(Invitation::id)
                .containsExactly(second.invitation().id());
    }

    @Test
    void two_concurrent_accepts_of_one_invitation_make_exactly_one_member() throws Exception {
        String token = inviteInvitee(Role.VIEWER).token();
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Member>> accepts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String account = "oidc|account-" + i; // one address, several accounts: still one member
            accepts.add(() -> {
                start.await();
                return team.accept(token, account, invitee.email());
            });
        }
        int accepted = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(accepts.size())) {
            List<Future<Member>> results = accepts.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Member> result : results) {
                try {
                    result.get();
                    accepted++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause())
                            .isInstanceOfSatisfying(
                                    InvitationException.class,
                                    refusal -> assertThat(refusal.reason()).isEqualTo(Reason.ALREADY_USED));
                }
            }
        }

        assertThat(accepted).isEqualTo(1);
        assertThat(team.members(acme.id()))
                .filteredOn(m -> m.email().equalsIgnoreCase(invitee.email()))
                .hasSize(1);
    }

    @Test
    void nobody_is_invited_as_owner_or_twice_as_a_member_and_validity_is_bounded() {
        assertThatThrownBy(() -> team.invite(acme.id(), owner, "x@acme.example", Role.OWNER, WEEK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transfer ownership");
        assertThatThrownBy(() -> team.invite(acme.id(), owner, "OWNER@acme.example", Role.ADMIN, WEEK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OWNER@acme.example is already a member of this organisation");
        assertThatThrownBy(() -> team.invite(acme.id(), owner, "not-an-address", Role.ADMIN, WEEK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid e-mail address");
        assertThatThrownBy(() -> team.invite(acme.id(), owner, "x@acme.example", Role.ADMIN, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> team.invite(acme.id(), owner, "x@acme.example", Role.ADMIN, Duration.ofDays(31)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(team.pendingInvitations(acme.id())).isEmpty();
    }

    @Test
    void a_viewer_cannot_revoke_and_a_non_member_cannot_see_whether_an_invitation_exists() {
        NewInvitation invitation = inviteInvitee(Role.VIEWER);
        Actor viewer = new Actor("oidc|viewer", "viewer@acme.example");
        team.accept(
                team.invite(acme.id(), owner, viewer.email(), Role.VIEWER, WEEK).token(),
                viewer.userId(),
                viewer.email());

        assertThatThrownBy(() -> team.revokeInvitation(
                        acme.id(), viewer, invitation.invitation().id()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> team.revokeInvitation(
                        acme.id(), invitee, invitation.invitation().id()))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessage("no organisation " + acme.id());
        assertThat(team.pendingInvitations(acme.id()))
                .extracting(Invitation::id)
                .contains(invitation.invitation().id());
    }
}
