package dev.formbridge.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditQuery;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.portal.testutils.BrowserTabs;
import dev.formbridge.portal.testutils.PortalServices;
import dev.formbridge.site.Site;
import dev.formbridge.team.Member;
import dev.formbridge.team.Role;
import dev.formbridge.tenant.TenantId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two browser tabs (Vaadin UIs) of one session: a switch of organisation in one tab never redirects what a page open
 * in the other tab does, and a tab whose organisation is gone is refused instead of moved to another one.
 */
class OrganisationPerTabTest {
    private static final String ALICE = "alice@a.example";
    private static final String BOB = "bob@b.example";

    private PortalServices portal;
    private BrowserTabs tabs;
    private TenantId tenantA;
    private TenantId tenantB;
    private VaadinSession aliceSession;
    private VaadinSession bobSession;
    private UI aliceTab1;
    private UI aliceTab2;

    @BeforeEach
    void setUp(@TempDir Path keys) {
        portal = new PortalServices(keys, new TabTenantSelection());
        tabs = new BrowserTabs(portal);
        aliceSession = tabs.newSession();
        bobSession = tabs.newSession();
        aliceTab1 = tabs.newTab(aliceSession);
        aliceTab2 = tabs.newTab(aliceSession);
        String[] invitations = new String[2];
        tabs.request(tabs.newTab(aliceSession), ALICE, () -> {
            tenantA = portal.teamAdmin.createOrganisation("Organisation A").id();
            invitations[0] = portal.teamAdmin.invite(BOB, Role.ADMIN).token();
            tenantB = portal.teamAdmin.createOrganisation("Organisation B").id();
            invitations[1] = portal.teamAdmin.invite(BOB, Role.ADMIN).token();
        });
        tabs.request(tabs.newTab(bobSession), BOB, () -> {
            portal.teamAdmin.accept(invitations[0]);
            portal.teamAdmin.accept(invitations[1]);
        });
        // Alice's tab 1 shows organisation A; then, in tab 2, she switches the header to B.
        tabs.request(aliceTab1, ALICE, () -> portal.tenants.select(tenantA));
        tabs.request(aliceTab2, ALICE, () -> portal.tenants.select(tenantB));
    }

    @AfterEach
    void tearDown() {
        portal.signOut();
    }

    @Test
    void a_member_removed_in_a_tab_that_shows_a_is_removed_from_a_after_another_tab_switched_to_b() {
        tabs.request(aliceTab1, ALICE, () -> portal.teamAdmin.removeMember(BOB));

        assertThat(portal.team.membership(tenantA, BOB)).isEmpty();
        assertThat(portal.team.membership(tenantB, BOB)).isPresent();
        assertThat(actions(tenantA)).contains("member.removed");
        assertThat(actions(tenantB)).doesNotContain("member.removed");
    }

    @Test
    void role_changes_and_notifications_in_a_tab_apply_to_the_organisation_it_shows() {
        tabs.request(aliceTab1, ALICE, () -> {
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
        tabs.request(aliceTab1, ALICE, () -> {
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
        assertThat(tabs.request(aliceTab1, ALICE, () -> portal.tenants.read().tenant()))
                .isEqualTo(tenantA);
        assertThat(tabs.request(aliceTab2, ALICE, () -> portal.tenants.read().tenant()))
                .isEqualTo(tenantB);
        assertThat(tabs.request(
                        tabs.newTab(aliceSession),
                        ALICE,
                        () -> portal.tenants.read().tenant()))
                .isEqualTo(tenantB);
    }

    @Test
    void a_tab_whose_organisation_is_gone_is_refused_and_never_moved_to_another_organisation() {
        UI bobTab1 = tabs.newTab(bobSession);
        UI bobTab2 = tabs.newTab(bobSession);
        tabs.request(bobTab2, BOB, () -> portal.tenants.select(tenantB));
        tabs.request(bobTab1, BOB, () -> portal.tenants.select(tenantA));
        tabs.request(aliceTab1, ALICE, () -> portal.teamAdmin.removeMember(BOB));

        tabs.request(bobTab1, BOB, () -> {
            assertThatThrownBy(() -> portal.siteAdmin.register("Shop", "https://b.example"))
                    .isInstanceOf(StalePageException.class)
                    .hasMessageContaining("Reload the page");
            assertThatThrownBy(() -> portal.teamAdmin.leave()).isInstanceOf(StalePageException.class);
        });
        assertThat(portal.sites.list(tenantB)).isEmpty();
        assertThat(portal.team.membership(tenantB, BOB)).isPresent();
        // reloading starts a new tab: the latest choice (A) is gone, so it starts in Bob's remaining organisation
        assertThat(tabs.request(
                        tabs.newTab(bobSession),
                        BOB,
                        () -> portal.tenants.read().tenant()))
                .isEqualTo(tenantB);
    }

    @Test
    void code_running_without_a_current_tab_is_refused_instead_of_taking_another_tabs_organisation() {
        // as Vaadin runs a download: the session, but no tab; the latest choice (B) is not what tab 1 shows (A)
        tabs.download(
                aliceSession,
                ALICE,
                () -> assertThatThrownBy(() -> portal.siteAdmin.register("Shop", "https://shop.example"))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("no browser tab is current"));

        assertThat(portal.sites.list(tenantA)).isEmpty();
        assertThat(portal.sites.list(tenantB)).isEmpty();
    }

    private List<String> actions(TenantId tenant) {
        return portal.auditLog.page(tenant, AuditQuery.all(), null, 50).items().stream()
                .map(AuditEvent::action)
                .toList();
    }
}
