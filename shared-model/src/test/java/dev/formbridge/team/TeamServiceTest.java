package dev.formbridge.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.formbridge.storage.ConcurrentModificationException;
import dev.formbridge.storage.Storage;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Organisations and their members, against a real local DynamoDB server (dynalite). */
class TeamServiceTest {
    static final Duration WEEK = Duration.ofDays(7);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    final Actor owner = new Actor("oidc|owner", "owner@acme.example");
    final Actor admin = new Actor("oidc|admin", "admin@acme.example");
    final Actor viewer = new Actor("oidc|viewer", "viewer@acme.example");
    Storage storage;
    TeamService team;
    Tenant acme;

    @BeforeEach
    void setUp() {
        storage = LocalDynamo.newStorage();
        team = new TeamService(storage, clock);
        acme = team.createOrganisation(owner.userId(), owner.email(), "Acme");
        join(acme.id(), admin, Role.ADMIN);
        join(acme.id(), viewer, Role.VIEWER);
    }

    /** GIVEN helper: the owner invites {@code who}, who accepts. */
    Member join(TenantId tenant, Actor who, Role role) {
        String token = team.invite(tenant, owner, who.email(), role, WEEK).token();
        return team.accept(token, who.userId(), who.email());
    }

    Role roleOf(Actor who) {
        return team.membership(acme.id(), who.userId()).orElseThrow().role();
    }

    @Test
    void creating_an_organisation_makes_the_user_its_only_member_and_owner() {
        Tenant globex = team.createOrganisation("oidc|hank", "hank@globex.example", "  Globex  ");

        assertThat(globex.name()).isEqualTo("Globex");
        assertThat(team.members(globex.id())).singleElement().satisfies(m -> {
            assertThat(m.userId()).isEqualTo("oidc|hank");
            assertThat(m.email()).isEqualTo("hank@globex.example");
            assertThat(m.role()).isEqualTo(Role.OWNER);
            assertThat(m.joinedAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void an_organisation_name_must_have_1_to_80_characters_after_trimming() {
        assertThatThrownBy(() -> team.createOrganisation("u", "u@x.example", "   "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an organisation needs a name");
        assertThatThrownBy(() -> team.createOrganisation("u", "u@x.example", "x".repeat(81)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an organisation name has at most 80 characters; this one has 81");
        assertThat(team.createOrganisation("u", "u@x.example", " " + "x".repeat(80) + " ")
                        .name())
                .hasSize(80);
    }

    @Test
    void a_users_memberships_across_two_organisations_are_listed_by_name_with_their_roles() {
        Tenant zeta = team.createOrganisation(admin.userId(), admin.email(), "zeta labs");
        Tenant beta = team.createOrganisation("oidc|other", "other@x.example", "Beta");
        team.invite(beta.id(), new Actor("oidc|other", "other@x.example"), admin.email(), Role.VIEWER, WEEK);

        assertThat(team.memberships(admin.userId()))
                .extracting(m -> m.tenant().id(), Membership::role)
                .containsExactly(tuple(acme.id(), Role.ADMIN), tuple(zeta.id(), Role.OWNER));
        assertThat(team.memberships("oidc|nobody")).isEmpty();
    }

    @Test
    void the_members_are_listed_owner_first_then_admins_then_viewers() {
        assertThat(team.members(acme.id()))
                .extracting(Member::userId)
                .containsExactly(owner.userId(), admin.userId(), viewer.userId());
        assertThat(team.membership(acme.id(), "oidc|nobody")).isEmpty();
    }

    @Test
    void a_viewer_cannot_invite_remove_or_change_roles() {
        assertThatThrownBy(() -> team.invite(acme.id(), viewer, "new@acme.example", Role.VIEWER, WEEK))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessage("Only owners and admins can invite members.");
        assertThatThrownBy(() -> team.removeMember(acme.id(), viewer, admin.userId()))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessage("Only owners and admins can remove members.");
        assertThatThrownBy(() -> team.changeRole(acme.id(), viewer, viewer.userId(), Role.ADMIN))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessage("Only owners and admins can change roles.");
        assertThat(roleOf(viewer)).isEqualTo(Role.VIEWER);
        assertThat(team.pendingInvitations(acme.id())).isEmpty();
    }

    @Test
    void the_role_is_read_from_storage_at_every_change_so_a_demoted_admin_can_no_longer_invite() {
        team.invite(acme.id(), admin, "first@acme.example", Role.VIEWER, WEEK);

        team.changeRole(acme.id(), owner, admin.userId(), Role.VIEWER);

        assertThatThrownBy(() -> team.invite(acme.id(), admin, "second@acme.example", Role.VIEWER, WEEK))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void an_admin_removes_a_viewer_and_changes_roles_but_cannot_remove_or_demote_the_owner() {
        team.changeRole(acme.id(), admin, viewer.userId(), Role.ADMIN);
        assertThat(roleOf(viewer)).isEqualTo(Role.ADMIN);
        team.removeMember(acme.id(), admin, viewer.userId());
        assertThat(team.membership(acme.id(), viewer.userId())).isEmpty();

        assertThatThrownBy(() -> team.removeMember(acme.id(), admin, owner.userId()))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("The owner cannot be removed");
        assertThatThrownBy(() -> team.changeRole(acme.id(), admin, owner.userId(), Role.VIEWER))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("The owner's role cannot be changed");
        assertThat(roleOf(owner)).isEqualTo(Role.OWNER);
    }

    @Test
    void nobody_removes_the_last_owner_not_even_the_owner() {
        assertThatThrownBy(() -> team.removeMember(acme.id(), owner, owner.userId()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> team.leave(acme.id(), owner))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessage("The owner cannot leave; transfer ownership to another member first.");
        assertThat(roleOf(owner)).isEqualTo(Role.OWNER);
    }

    @Test
    void no_role_can_be_changed_to_owner_that_takes_a_transfer() {
        assertThatThrownBy(() -> team.changeRole(acme.id(), owner, admin.userId(), Role.OWNER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transfer ownership");
        assertThat(roleOf(admin)).isEqualTo(Role.ADMIN);
    }

    @Test
    void a_member_leaves_and_no_longer_sees_the_organisation() {
        team.leave(acme.id(), viewer);

        assertThat(team.membership(acme.id(), viewer.userId())).isEmpty();
        assertThat(team.memberships(viewer.userId())).isEmpty();
        assertThatThrownBy(() -> team.leave(acme.id(), viewer)).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void transferring_ownership_makes_the_new_owner_and_the_old_owner_an_admin() {
        Member newOwner = team.transferOwnership(acme.id(), owner, viewer.userId());

        assertThat(newOwner.role()).isEqualTo(Role.OWNER);
        assertThat(roleOf(viewer)).isEqualTo(Role.OWNER);
        assertThat(roleOf(owner)).isEqualTo(Role.ADMIN);
        team.leave(acme.id(), owner);
        assertThat(team.members(acme.id())).extracting(Member::userId).doesNotContain(owner.userId());
    }

    @Test
    void only_the_owner_transfers_ownership_and_only_to_a_member() {
        assertThatThrownBy(() -> team.transferOwnership(acme.id(), admin, admin.userId()))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessage("Only the owner can transfer ownership.");
        assertThatThrownBy(() -> team.transferOwnership(acme.id(), owner, "oidc|stranger"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessage("no member oidc|stranger in this organisation");
        assertThat(roleOf(owner)).isEqualTo(Role.OWNER);
        assertThat(roleOf(admin)).isEqualTo(Role.ADMIN);
    }

    @Test
    void a_transfer_that_stopped_half_way_leaves_two_owners_and_repeating_it_completes_it() {
        Member target = team.membership(acme.id(), admin.userId()).orElseThrow();
        assertThat(new MemberRepository(storage).promote(target, "crashed-transfer"))
                .isTrue();
        assertThat(team.members(acme.id()))
                .filteredOn(m -> m.role() == Role.OWNER)
                .hasSize(2);

        team.transferOwnership(acme.id(), owner, admin.userId());

        assertThat(roleOf(admin)).isEqualTo(Role.OWNER);
        assertThat(roleOf(owner)).isEqualTo(Role.ADMIN);
    }

    @Test
    void two_concurrent_transfers_to_different_members_leave_exactly_one_owner() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Member>> transfers = new ArrayList<>();
        for (Actor to : List.of(admin, viewer)) {
            transfers.add(() -> {
                start.await();
                return team.transferOwnership(acme.id(), owner, to.userId());
            });
        }
        int succeeded = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(transfers.size())) {
            List<Future<Member>> results = transfers.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Member> result : results) {
                try {
                    result.get();
                    succeeded++;
                } catch (ExecutionException refused) {
                    assertThat(refused.getCause())
                            .isInstanceOfAny(ConcurrentModificationException.class, PermissionDeniedException.class);
                }
            }
        }

        assertThat(succeeded).isEqualTo(1);
        assertThat(team.members(acme.id()))
                .filteredOn(m -> m.role() == Role.OWNER)
                .hasSize(1);
        assertThat(roleOf(owner)).isEqualTo(Role.ADMIN);
    }

    @Test
    void a_member_of_another_tenant_cannot_act_on_this_one_and_learns_nothing_about_it() {
        Actor stranger = new Actor("oidc|globex-owner", "owner@globex.example");
        team.createOrganisation(stranger.userId(), stranger.email(), "Globex");
        TenantId missing = TenantId.next();

        for (TenantId target : List.of(acme.id(), missing)) {
            String expected = "no organisation " + target;
            assertThatThrownBy(() -> team.invite(target, stranger, "x@y.example", Role.ADMIN, WEEK))
                    .isInstanceOf(NoSuchElementException.class)
                    .hasMessage(expected);
            assertThatThrownBy(() -> team.removeMember(target, stranger, viewer.userId()))
                    .isInstanceOf(NoSuchElementException.class)
                    .hasMessage(expected);
            assertThatThrownBy(() -> team.changeRole(target, stranger, viewer.userId(), Role.ADMIN))
                    .isInstanceOf(NoSuchElementException.class)
                    .hasMessage(expected);
            assertThatThrownBy(() -> team.transferOwnership(target, stranger, stranger.userId()))
                    .isInstanceOf(NoSuchElementException.class)
                    .hasMessage(expected);
            assertThatThrownBy(() -> team.leave(target, stranger))
                    .isInstanceOf(NoSuchElementException.class)
                    .hasMessage(expected);
        }
        assertThat(team.members(acme.id())).hasSize(3);
    }

    @Test
    void members_have_notifications_on_until_they_turn_them_off_and_a_role_change_keeps_the_choice() {
        assertThat(team.members(acme.id()))
                .allSatisfy(m -> assertThat(m.notifications()).isTrue());

        Member quiet = team.setNotifications(acme.id(), admin, false);
        team.changeRole(acme.id(), owner, admin.userId(), Role.VIEWER);

        assertThat(quiet.notifications()).isFalse();
        assertThat(team.membership(acme.id(), admin.userId()).orElseThrow()).satisfies(m -> {
            assertThat(m.notifications()).isFalse();
            assertThat(m.role()).isEqualTo(Role.VIEWER);
        });
        assertThat(team.setNotifications(acme.id(), admin, true).notifications())
                .isTrue();
        assertThatThrownBy(() -> team.setNotifications(TenantId.next(), admin, false))
                .isInstanceOf(NoSuchElementException.class);
    }
}
