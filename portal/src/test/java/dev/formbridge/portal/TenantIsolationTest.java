package dev.formbridge.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditQuery;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.delivery.Delivery;
import dev.formbridge.ingest.SignatureTroubleshooter;
import dev.formbridge.portal.security.NotFoundException;
import dev.formbridge.portal.site.SiteAdminService;
import dev.formbridge.portal.testutils.PortalServices;
import dev.formbridge.site.Site;
import dev.formbridge.site.SiteStatus;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionQuery;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.team.InvitationId;
import dev.formbridge.team.PermissionDeniedException;
import dev.formbridge.team.Role;
import dev.formbridge.tenant.Tenant;
import dev.formbridge.testutils.StoredSubmissions;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The isolation matrix at the service layer: a member of organisation B gets "not found" for every id of organisation
 * A, through every portal service, and never sees A's data in a list. (The browser journey checks direct URLs.)
 */
class TenantIsolationTest {
    private static final String ALICE = "alice@a.example";
    private static final String BOB = "bob@b.example";

    private PortalServices portal;
    private Tenant tenantA;
    private Site siteA;
    private Submission submissionA;
    private InvitationId invitationA;
    private Connector connectorA;
    private Delivery deliveryA;

    @BeforeEach
    void setUp(@TempDir Path keys) {
        portal = new PortalServices(keys);
        portal.signIn(ALICE);
        tenantA = portal.teamAdmin.createOrganisation("Organisation A");
        siteA = portal.siteAdmin
                .register("Shop A", "https://a.example")
                .result()
                .site();
        invitationA = portal.teamAdmin
                .invite("carol@a.example", Role.VIEWER)
                .invitation()
                .id();
        submissionA = new StoredSubmissions(portal.storage)
                .store(tenantA.id(), siteA.id(), "contact", SubmissionStatus.ACCEPTED, portal.clock.instant());
        connectorA = portal.connectors
                .create(tenantA.id(), ConnectorService.Spec.webhook("Hook A", "http://127.0.0.1:9/hook"))
                .connector();
        deliveryA = Delivery.create(
                tenantA.id(),
                submissionA.id(),
                siteA.id(),
                submissionA.webhookId(),
                connectorA.id(),
                portal.clock.instant(),
                portal.clock.instant().plus(Duration.ofDays(30)));
        portal.deliveries.createIfAbsent(deliveryA);
        portal.deliveries.addDeadLetter(deliveryA, portal.clock.instant(), "gave up");
        portal.signIn(BOB);
        portal.teamAdmin.createOrganisation("Organisation B");
        portal.siteAdmin.register("Shop B", "https://b.example");
    }

    @AfterEach
    void signOut() {
        portal.signOut();
    }

    @Test
    void every_site_operation_on_another_organisations_site_is_not_found() {
        var id = siteA.id();
        assertNotFound(() -> portal.siteAdmin.get(id));
        assertNotFound(() -> portal.siteAdmin.rotate(id, siteA.version(), Duration.ofHours(1)));
        assertNotFound(() -> portal.siteAdmin.retirePrevious(id, siteA.version()));
        assertNotFound(() -> portal.siteAdmin.setStatus(id, SiteStatus.DISABLED));
        assertNotFound(() -> portal.siteAdmin.delete(id));
        assertNotFound(() -> portal.siteAdmin.secretLastUsed(id));
        assertNotFound(() -> portal.siteAdmin.sendTestSubmission(id));
        assertThat(portal.siteAdmin.list()).extracting(Site::name).containsExactly("Shop B");
        portal.signIn(ALICE);
        assertThat(portal.siteAdmin.get(id).status()).isEqualTo(SiteStatus.ACTIVE);
        assertThat(portal.siteAdmin.get(id).secrets()).hasSize(1);
    }

    @Test
    void a_malformed_site_id_from_a_route_is_not_found() {
        assertNotFound(() -> SiteAdminService.parseId("../../etc"));
    }

    @Test
    void another_organisations_submission_is_not_found_and_never_listed_or_exported() throws Exception {
        var id = submissionA.id();
        assertNotFound(() -> portal.submissionAdmin.get(id));
        assertNotFound(() -> portal.submissionAdmin.erase(id));
        assertThat(portal.submissionAdmin.page(SubmissionQuery.all(), null).items())
                .isEmpty();
        StringWriter csv = new StringWriter();
        assertThat(portal.submissionAdmin.export(SubmissionQuery.all()).writeTo(csv))
                .isZero();
        assertThat(csv.toString()).doesNotContain(id.value());
        portal.signIn(ALICE);
        assertThat(portal.submissionAdmin.get(id).submission().formId()).isEqualTo("contact");
    }

    @Test
    void another_organisations_audit_log_and_team_are_invisible() {
        assertThat(portal.auditAdmin.page(AuditQuery.all(), null).items())
                .extracting(AuditEvent::tenantId)
                .doesNotContain(tenantA.id());
        assertThat(portal.teamAdmin.members()).extracting(m -> m.email()).containsExactly(BOB);
        assertThatThrownBy(() -> portal.teamAdmin.revokeInvitation(invitationA))
                .isInstanceOfAny(NotFoundException.class, java.util.NoSuchElementException.class);
        assertNotFound(() -> portal.tenants.select(tenantA.id()));
        assertThat(portal.tenants.selected()).isPresent().get().isNotEqualTo(tenantA.id());
    }

    @Test
    void another_organisations_deliveries_and_connectors_are_not_found_and_never_listed() {
        var since = portal.clock.instant().minus(Duration.ofDays(1));
        assertNotFound(() -> portal.deliveryAdmin.replay(deliveryA.submissionId(), deliveryA.connectorId()));
        assertNotFound(() -> portal.deliveryAdmin.ofConnector(connectorA.id(), since));
        assertNotFound(() -> portal.deliveryAdmin.countFailedSince(connectorA.id(), since));
        assertNotFound(() -> portal.deliveryAdmin.replayFailedSince(connectorA.id(), since));
        assertNotFound(() -> portal.deliveryAdmin.replaySubmission(submissionA.id()));
        assertThat(portal.deliveryAdmin.connectors()).isEmpty();
        assertThat(portal.deliveryAdmin.deadLetters()).isEmpty();
        portal.signIn(ALICE);
        assertThat(portal.deliveryAdmin.deadLetters()).hasSize(1);
        assertThat(portal.deliveryAdmin.ofConnector(connectorA.id(), since)).hasSize(1);
    }

    @Test
    void every_connector_operation_on_another_organisations_connector_is_not_found() {
        var id = connectorA.id();
        assertNotFound(() -> portal.connectorAdmin.get(id));
        assertNotFound(() -> portal.connectorAdmin.update(
                id, connectorA.version(), ConnectorService.Spec.webhook("Mine", "http://127.0.0.1:9/x")));
        assertNotFound(() -> portal.connectorAdmin.setEnabled(id, false));
        assertNotFound(() -> portal.connectorAdmin.rotateSigningSecret(id, Duration.ofHours(1)));
        assertNotFound(() -> portal.connectorAdmin.versions(id));
        assertNotFound(() -> portal.connectorAdmin.restore(id, 1));
        assertNotFound(() -> portal.connectorAdmin.circuit(id));
        assertNotFound(() -> portal.connectorAdmin.dryRun(id));
        assertNotFound(() -> portal.connectorAdmin.testSend(id));
        assertThat(portal.connectorAdmin.list()).isEmpty();
        portal.signIn(ALICE);
        assertThat(portal.connectorAdmin.get(id).enabled()).isTrue();
        assertThat(portal.connectorAdmin.get(id).name()).isEqualTo("Hook A");
    }

    @Test
    void the_troubleshooter_does_not_know_another_organisations_site_key() {
        var diagnosis = portal.siteAdmin.troubleshoot(new SignatureTroubleshooter.Request(
                siteA.key().value(),
                "msg_1",
                String.valueOf(portal.clock.instant().getEpochSecond()),
                "v1,AAAA",
                "{}"));
        assertThat(diagnosis.finding()).isEqualTo(SignatureTroubleshooter.Finding.UNKNOWN_SITE_KEY);
    }

    @Test
    void a_tenant_user_cannot_use_the_support_console() {
        assertThatThrownBy(() -> portal.support.organisations(null)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> portal.support.health(java.time.LocalDate.now()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> portal.support.organisation(tenantA.id()))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void a_user_without_an_organisation_reaches_nothing() {
        portal.signIn("nobody@c.example");
        assertNotFound(() -> portal.siteAdmin.list());
        assertNotFound(() -> portal.siteAdmin.get(siteA.id()));
        assertNotFound(() -> portal.submissionAdmin.page(SubmissionQuery.all(), null));
        assertNotFound(() -> portal.auditAdmin.verifyChain());
    }

    private static void assertNotFound(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(NotFoundException.class);
    }
}
