package dev.formbridge.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditQuery;
import dev.formbridge.portal.testutils.PortalServices;
import dev.formbridge.site.Site;
import dev.formbridge.site.SiteStatus;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.team.PermissionDeniedException;
import dev.formbridge.team.Role;
import dev.formbridge.tenant.Tenant;
import dev.formbridge.testutils.StoredSubmissions;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Viewers read and change nothing; support staff read without changing and every look is audited. */
class RolesTest {
    private static final String OWNER = "owner@a.example";
    private static final String VIEWER = "viewer@a.example";

    private PortalServices portal;
    private Tenant tenant;
    private Site site;
    private Submission submission;

    @BeforeEach
    void setUp(@TempDir Path keys) {
        portal = new PortalServices(keys);
        portal.signIn(OWNER);
        tenant = portal.teamAdmin.createOrganisation("Organisation A");
        site = portal.siteAdmin.register("Shop", "https://a.example").result().site();
        String token = portal.teamAdmin.invite(VIEWER, Role.VIEWER).token();
        submission = new StoredSubmissions(portal.storage)
                .store(tenant.id(), site.id(), "contact", SubmissionStatus.ACCEPTED, portal.clock.instant());
        portal.signIn(VIEWER);
        portal.teamAdmin.accept(token);
    }

    @AfterEach
    void signOut() {
        portal.signOut();
    }

    @Test
    void a_viewer_reads_everything_of_the_organisation() {
        assertThat(portal.siteAdmin.list()).extracting(Site::id).containsExactly(site.id());
        assertThat(portal.submissionAdmin.get(submission.id()).submission().id())
                .isEqualTo(submission.id());
        assertThat(portal.teamAdmin.members()).hasSize(2);
        assertThat(portal.auditAdmin.verifyChain().ok()).isTrue();
    }

    @Test
    void a_viewer_changes_nothing_and_the_data_stays_as_it_was() {
        assertDenied(() -> portal.siteAdmin.register("Other", "https://other.example"));
        assertDenied(() -> portal.siteAdmin.rotate(site.id(), site.version(), Duration.ofHours(1)));
        assertDenied(() -> portal.siteAdmin.retirePrevious(site.id(), site.version()));
        assertDenied(() -> portal.siteAdmin.setStatus(site.id(), SiteStatus.DISABLED));
        assertDenied(() -> portal.siteAdmin.delete(site.id()));
        assertDenied(() -> portal.siteAdmin.sendTestSubmission(site.id()));
        assertDenied(() -> portal.submissionAdmin.erase(submission.id()));
        assertDenied(() -> portal.teamAdmin.invite("eve@a.example", Role.ADMIN));
        assertDenied(() -> portal.teamAdmin.removeMember(OWNER));
        assertDenied(() -> portal.deliveryAdmin.replaySubmission(submission.id()));
        assertDenied(() -> portal.connectorAdmin.create(
                dev.formbridge.connector.ConnectorService.Spec.webhook("Hook", "http://127.0.0.1:9/x")));

        assertThat(portal.siteAdmin.list()).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(SiteStatus.ACTIVE);
            assertThat(s.secrets()).hasSize(1);
        });
        assertThat(portal.submissionAdmin.get(submission.id())).isNotNull();
    }

    @Test
    void every_change_is_in_the_audit_log_with_actor_and_a_verified_chain() {
        portal.signIn(OWNER);
        var rotated = portal.siteAdmin
                .rotate(site.id(), site.version(), Duration.ofHours(24))
                .result();
        portal.siteAdmin.retirePrevious(site.id(), rotated.site().version());

        var actions = portal.auditAdmin.page(AuditQuery.all(), null).items().stream()
                .map(e -> e.actor() + " " + e.action())
                .toList();
        assertThat(actions)
                .contains(
                        OWNER + " organisation.created",
                        OWNER + " site.registered",
                        OWNER + " member.invited",
                        VIEWER + " member.joined",
                        OWNER + " site.secret_rotated",
                        OWNER + " site.previous_secret_retired");
        assertThat(portal.auditAdmin
                        .page(AuditQuery.all().withActionPrefix("site.secret_rotated"), null)
                        .items())
                .singleElement()
                .satisfies(e -> assertThat(e.before() + e.after()).doesNotContain("whsec_"));
        assertThat(portal.auditAdmin.verifyChain().ok()).isTrue();
    }

    @Test
    void each_member_turns_their_own_failure_e_mails_off_and_on() {
        portal.signIn(OWNER);
        assertThat(portal.teamAdmin.myNotifications()).isTrue();

        portal.teamAdmin.setMyNotifications(false);

        assertThat(portal.teamAdmin.myNotifications()).isFalse();
        assertThat(portal.team.membership(tenant.id(), OWNER).orElseThrow().notifications())
                .isFalse();
        assertThat(portal.team.membership(tenant.id(), VIEWER).orElseThrow().notifications())
                .isTrue();
        portal.teamAdmin.setMyNotifications(true);
        assertThat(portal.teamAdmin.myNotifications()).isTrue();
    }

    @Test
    void support_staff_see_an_organisation_read_only_without_secrets_and_the_look_is_audited() {
        portal.signIn("support@formbridge.example", true);

        var organisation = portal.support.organisation(tenant.id());

        assertThat(organisation.sites()).singleElement().satisfies(s -> {
            assertThat(s.siteKey()).isEqualTo(site.key().value());
            assertThat(s.toString()).doesNotContain("whsec_");
        });
        assertThat(organisation.recentSubmissions())
                .singleElement()
                .satisfies(s -> assertThat(s.id()).isEqualTo(submission.id()));
        assertThat(portal.auditLog.page(tenant.id(), AuditQuery.all(), null, 10).items())
                .extracting(AuditEvent::action, AuditEvent::actor)
                .contains(org.assertj.core.groups.Tuple.tuple(
                        "support.viewed_organisation", "support@formbridge.example"));
        assertThat(portal.support
                        .auditAcrossOrganisations(
                                portal.clock
                                        .instant()
                                        .atZone(java.time.ZoneOffset.UTC)
                                        .toLocalDate(),
                                AuditQuery.all(),
                                null)
                        .items())
                .extracting(AuditEvent::tenantId)
                .contains(tenant.id());
    }

    private static void assertDenied(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(PermissionDeniedException.class);
    }
}
