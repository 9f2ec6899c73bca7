package dev.formbridge.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditQuery;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.portal.testutils.PortalServices;
import dev.formbridge.site.Site;
import dev.formbridge.team.Member;
import dev.formbridge.team.Role;
import dev.formbridge.tenant.TenantId;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;

/**
 * Two browser tabs (Vaadin UIs) of one session: a switch of organisation in one tab never redirects what a page open
 * in the other tab does, and a tab whose organisation is gone is refused instead of moved to another one.
 */
class OrganisationPerTabTest {
    private static final String ALICE = "alice@a.example";
    private static final String BOB = "bob@b.example";

    private PortalServices portal;
    private TenantId tenantA;
    private TenantId tenantB;
    private final VaadinSession aliceSession = newSession();
    private final VaadinSession bobSession = newSession();
    private final UI aliceTab1 = new UI();
    private final UI aliceTab2 = new UI();
    private final UI bobTab1 = new UI();
    private final UI bobTab2 = new UI();

    @BeforeEach
    void setUp(@TempDir Path keys) {
        portal = new PortalServices(keys, new TabTenantSelection());
        UI aliceSetup = new UI();
        UI bobSetup = new UI();
        String[] invitations = new String[2];
        in(aliceSession, aliceSetup, ALICE, () -> {
            tenantA = portal.teamAdmin.createOrganisation("Organisation A").id();
            invitations[0] = portal.teamAdmin.invite(BOB, Role.ADMIN).token();
            tenantB = portal.teamAdmin.createOrganisation("Organisation B").id();
            invitations[1] = portal.teamAdmin.invite(BOB, Role.ADMIN).token();
        });
        in(bobSession, bobSetup, BOB, () -> {
            portal.teamAdmin.accept(invitations[0]);
            portal.teamAdmin.accept(invitations[1]);
        });
        // Alice's tab 1 shows organisation A; then, in tab 2, she switches the header to B.
        in(aliceSession, aliceTab1, ALICE, () -> portal.tenants.select(tenantA));
        in(aliceSession, aliceTab2, ALICE, () -> portal.tenants.select(tenantB));
    }

    @AfterEach
    void tearDown() {
        UI.setCurrent(null);
        VaadinSession.setCurrent(null);
        portal.signOut();
    }

    @Test
    void a_member_removed_in_a_tab_that_shows_a_is_removed_from_a_after_another_tab_switched_to_b() {
        in(aliceSession, aliceTab1, ALICE, () -> portal.teamAdmin.removeMember(BOB));

        assertThat(portal.team.membership(tenantA, BOB)).isEmpty();
        assertThat(portal.team.membership(tenantB, BOB)).isPresent();
        assertThat(actions(tenantA)).contains("member.removed");
        assertThat(actions(tenantB)).doesNotContain("member.removed");
    }

    @Test
    void role_changes_and_notifications_in_a_tab_apply_to_the_organisation_it_shows() {
        in(aliceSession, aliceTab1, ALICE, () -> {
            portal.teamAdmin.changeRole(BOB, Role.VIEWER);
            portal.teamAdmin.setMyNotifications(false);
        });

        assertThat(portal.team.membership(tenantA, BOB).map(Member::role)).contains(Role.VIEWER);
        assertThat(portal.team.membership(tenantB, BOB).map(Member::role)).contains(Role.ADMIN);
        assertThat(portal.team.membership(tenantA, ALICE).map(Member::notifications))
                .contains(false);
        assertThat(portal.team.membership(tenantB, ALICE).map(Member::notifications))
                .contains(true);
    }

    @Test
    void sites_and_connectors_created_in_a_tab_belong_to_the_organisation_it_shows() {
        in(aliceSession, aliceTab1, ALICE, () -> {
            portal.siteAdmin.register("Shop A", "https://a.example");
            portal.connectorAdmin.create(ConnectorService.Spec.webhook("Hook A", "http://127.0.0.1:9/hook"));
        });

        assertThat(portal.sites.list(tenantA)).extracting(Site::name).containsExactly("Shop A");
        assertThat(portal.sites.list(tenantB)).isEmpty();
        assertThat(portal.connectors.list(tenantA)).hasSize(1);
        assertThat(portal.connectors.list(tenantB)).isEmpty();
        assertThat(actions(tenantA)).contains("site.registered", "connector.created");
        assertThat(actions(tenantB)).doesNotContain("site.registered", "connector.created");
    }

    @Test
    void each_tab_reads_its_own_organisation_and_a_new_tab_starts_in_the_latest_choice() {
        assertThat(in(
                        aliceSession,
                        aliceTab1,
                        ALICE,
                        () -> portal.tenants.read().tenant()))
                .isEqualTo(tenantA);
        assertThat(in(
                        aliceSession,
                        aliceTab2,
                        ALICE,
                        () -> portal.tenants.read().tenant()))
                .isEqualTo(tenantB);
        assertThat(in(aliceSession, new UI(), ALICE, () -> portal.tenants.read().tenant()))
                .isEqualTo(tenantB);
    }

    @Test
    void a_tab_whose_organisation_is_gone_is_refused_and_never_moved_to_another_organisation() {
        in(bobSession, bobTab2, BOB, () -> portal.tenants.select(tenantB));
        in(bobSession, bobTab1, BOB, () -> portal.tenants.select(tenantA));
        in(aliceSession, aliceTab1, ALICE, () -> portal.teamAdmin.removeMember(BOB));

        in(bobSession, bobTab1, BOB, () -> {
            assertThatThrownBy(() -> portal.siteAdmin.register("Shop", "https://b.example"))
                    .isInstanceOf(StalePageException.class)
                    .hasMessageContaining("Reload the page");
            assertThatThrownBy(() -> portal.teamAdmin.leave()).isInstanceOf(StalePageException.class);
        });
        assertThat(portal.sites.list(tenantB)).isEmpty();
        assertThat(portal.team.membership(tenantB, BOB)).isPresent();
        // reloading starts a new tab: the latest choice (A) is gone, so it starts in Bob's remaining organisation
        assertThat(in(bobSession, new UI(), BOB, () -> portal.tenants.read().tenant()))
                .isEqualTo(tenantB);
    }

    private java.util.List<String> actions(TenantId tenant) {
        return portal.auditLog.page(tenant, AuditQuery.all(), null, 50).items().stream()
                .map(AuditEvent::action)
                .toList();
    }

    /** Runs {@code action} as a request of {@code tab} in {@code session}, signed in as {@code user}. */
    private void in(VaadinSession session, UI tab, String user, Runnable action) {
        in(session, tab, user, () -> {
            action.run();
            return null;
        });
    }

    private <T> T in(VaadinSession session, UI tab, String user, Supplier<T> action) {
        VaadinSession previousSession = VaadinSession.getCurrent();
        UI previousTab = UI.getCurrent();
        VaadinSession.setCurrent(session);
        UI.setCurrent(tab);
        portal.signIn(user);
        try {
            return action.get();
        } finally {
            VaadinSession.setCurrent(previousSession);
            UI.setCurrent(previousTab);
        }
    }

    /** A Vaadin session as a request holding its lock sees it. */
    private static VaadinSession newSession() {
        return new VaadinSession(Mockito.mock(VaadinService.class)) {
            @Override
            public boolean hasLock() {
                return true;
            }
        };
    }
}
