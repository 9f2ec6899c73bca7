package dev.formbridge.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditQuery;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.portal.testutils.PortalServices;
import dev.formbridge.site.Site;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.tenant.Tenant;
import dev.formbridge.testutils.StoredSubmissions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A change that is done is never hidden because its audit event could not be written: the result (a secret shown
 * once, an erasure) is returned with the news that the audit write failed, and the event is logged at ERROR.
 */
class AuditWriteFailureTest {
    private static final String OWNER = "owner@a.example";

    private PortalServices portal;
    private Tenant tenant;
    private Site site;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger auditLogger = (Logger) LoggerFactory.getLogger(AuditTrail.class);

    @BeforeEach
    void setUp(@TempDir Path keys) {
        portal = new PortalServices(keys);
        portal.signIn(OWNER);
        tenant = portal.teamAdmin.createOrganisation("Organisation A");
        site = portal.siteAdmin.register("Shop", "https://a.example").result().site();
        log.start();
        auditLogger.addAppender(log);
        portal.auditWritesFail.set(true);
    }

    @AfterEach
    void tearDown() {
        auditLogger.detachAppender(log);
        portal.signOut();
    }

    @Test
    void a_registered_sites_secret_is_shown_even_if_its_audit_event_cannot_be_written() {
        var registered = portal.siteAdmin.register("Blog", "https://blog.a.example");

        assertThat(registered.auditWritten()).isFalse();
        assertThat(registered.result().secret()).isNotNull();
        assertThat(portal.sites.list(tenant.id())).extracting(Site::name).containsExactly("Shop", "Blog");
        assertThat(errors())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains("audit event not written", "site.registered", OWNER)
                        .doesNotContain("whsec_"));
    }

    @Test
    void a_rotated_sites_new_secret_is_shown_even_if_its_audit_event_cannot_be_written() {
        var rotation = portal.siteAdmin.rotate(site.id(), site.version(), Duration.ofHours(24));

        assertThat(rotation.auditWritten()).isFalse();
        assertThat(rotation.result().secret()).isNotNull();
        assertThat(portal.sites.get(tenant.id(), site.id()).secrets()).hasSize(2);
        assertThat(errors()).singleElement().asString().contains("site.secret_rotated");
    }

    @Test
    void a_created_connector_and_a_rotated_signing_secret_are_shown_even_if_their_audit_events_cannot_be_written() {
        var creation = portal.connectorAdmin.create(ConnectorService.Spec.webhook("Hook", "http://127.0.0.1:9/hook"));
        var rotation = portal.connectorAdmin.rotateSigningSecret(
                creation.result().connector().id(), Duration.ofHours(24));

        assertThat(creation.auditWritten()).isFalse();
        assertThat(creation.result().signingSecret()).isNotNull();
        assertThat(rotation.auditWritten()).isFalse();
        assertThat(rotation.result().signingSecret()).isNotNull();
        assertThat(portal.connectors.list(tenant.id())).hasSize(1);
        assertThat(errors()).hasSize(2);
    }

    @Test
    void an_erasure_is_reported_done_even_if_its_audit_event_cannot_be_written() {
        var submission = new StoredSubmissions(portal.storage)
                .store(tenant.id(), site.id(), "contact", SubmissionStatus.ACCEPTED, portal.clock.instant());

        var erasure = portal.submissionAdmin.erase(submission.id());

        assertThat(erasure.auditWritten()).isFalse();
        assertThat(portal.submissions.get(tenant.id(), submission.id())).isEmpty();
        assertThat(errors()).singleElement().asString().contains("submission.erased");
    }

    @Test
    void with_the_audit_store_back_the_same_changes_are_audited_as_before() {
        portal.auditWritesFail.set(false);

        var registered = portal.siteAdmin.register("Blog", "https://blog.a.example");

        assertThat(registered.auditWritten()).isTrue();
        assertThat(portal.auditAdmin.page(AuditQuery.all(), null).items())
                .extracting(AuditEvent::action)
                .contains("site.registered");
        assertThat(errors()).isEmpty();
    }

    private List<String> errors() {
        return log.list.stream()
                .filter(e -> e.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
