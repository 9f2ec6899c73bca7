package dev.formbridge.portal.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditQuery;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.FilterBuilder;
import dev.formbridge.connector.FilterConditions;
import dev.formbridge.delivery.DryRun;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.portal.testutils.PortalServices;
import dev.formbridge.site.Site;
import dev.formbridge.storage.ConcurrentModificationException;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.tenant.Tenant;
import dev.formbridge.testutils.StoredSubmissions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorAdminTest {
    private static final String OWNER = "owner@a.example";
    private PortalServices portal;
    private Tenant tenant;
    private Site site;

    @BeforeEach
    void setUp(@TempDir Path keys) {
        portal = new PortalServices(keys);
        portal.signIn(OWNER);
        tenant = portal.teamAdmin.createOrganisation("Organisation A");
        site = portal.siteAdmin.register("Shop", "https://a.example").result().site();
        new StoredSubmissions(portal.storage)
                .store(tenant.id(), site.id(), "contact", SubmissionStatus.ACCEPTED, portal.clock.instant());
    }

    @AfterEach
    void signOut() {
        portal.signOut();
    }

    @Test
    void a_preview_of_unsaved_edits_renders_with_the_new_filter_and_saves_nothing() {
        String orders = FilterBuilder.toPattern(FilterConditions.none().withForms("order"));
        var created = portal.connectorAdmin
                .create(ConnectorService.Spec.webhook("Hook", "http://127.0.0.1:9/hook")
                        .withFilter(orders))
                .result();
        var id = created.connector().id();
        assertThat(portal.connectorAdmin.dryRun(id))
                .extracting(DryRun.Preview::matches)
                .containsExactly(false);
        int versions = portal.connectorAdmin.versions(id).size();

        String contacts = FilterBuilder.toPattern(FilterConditions.none().withForms("contact"));
        var previews = portal.connectorAdmin.preview(
                id,
                ConnectorService.Spec.webhook("Hook", "http://127.0.0.1:9/hook").withFilter(contacts));

        assertThat(previews).singleElement().satisfies(p -> {
            assertThat(p.matches()).isTrue();
            assertThat(p.request().body()).contains("contact");
        });
        assertThat(portal.connectorAdmin.get(id).filter()).isEqualTo(orders);
        assertThat(portal.connectorAdmin.versions(id)).hasSize(versions);
    }

    @Test
    void connector_changes_are_audited_without_credentials() {
        var created = portal.connectorAdmin
                .create(ConnectorService.Spec.webhook("Hook", "http://127.0.0.1:9/hook")
                        .withBearer("top-secret-token"))
                .result();
        portal.connectorAdmin.setEnabled(created.connector().id(), false);

        var events = portal.auditAdmin
                .page(AuditQuery.all().withActionPrefix("connector."), null)
                .items();

        assertThat(events).extracting(AuditEvent::action).contains("connector.created", "connector.disabled");
        assertThat(events)
                .allSatisfy(e -> assertThat(String.valueOf(e.before()) + e.after())
                        .doesNotContain("top-secret-token")
                        .doesNotContain("whsec_"));
        assertThat(portal.connectorAdmin.siteChoices()).containsEntry(site.id().value(), "Shop");
    }

    @Test
    void a_webhook_urls_query_values_are_masked_in_the_audit_log() {
        // GIVEN a webhook whose URL carries a token in its query string
        var created = portal.connectorAdmin
                .create(ConnectorService.Spec.webhook("Hook", "http://127.0.0.1:9/hook?token=tok-CREATE&v=2"))
                .result()
                .connector();

        // WHEN it is changed to another token and then restored
        var updated = portal.connectorAdmin.update(
                created.id(),
                created.version(),
                ConnectorService.Spec.webhook("Hook", "http://127.0.0.1:9/hook?token=tok-UPDATE"));
        portal.connectorAdmin.restore(updated.id(), 1);

        // THEN the audit events show where it goes, without the query values
        var events = portal.auditAdmin
                .page(AuditQuery.all().withActionPrefix("connector."), null)
                .items();
        assertThat(events)
                .extracting(AuditEvent::action)
                .contains("connector.created", "connector.updated", "connector.restored");
        assertThat(events)
                .allSatisfy(e -> assertThat(String.valueOf(e.before()) + e.after())
                        .doesNotContain("tok-CREATE")
                        .doesNotContain("tok-UPDATE"));
        assertThat(events.getFirst().after()).contains("http://127.0.0.1:9/hook?token=••••••&v=••••••");
    }

    @Test
    void a_save_from_a_form_loaded_before_someone_else_saved_is_refused_and_overwrites_nothing() {
        // GIVEN two admins who opened the connector's page
        var id = portal.connectorAdmin
                .create(ConnectorService.Spec.webhook("Hook", "http://127.0.0.1:9/hook"))
                .result()
                .connector()
                .id();
        Connector mine = portal.connectorAdmin.get(id);
        Connector theirs = portal.connectorAdmin.get(id);

        // WHEN the other admin saves first
        portal.connectorAdmin.update(
                id, theirs.version(), ConnectorService.Spec.webhook("Theirs", "http://127.0.0.1:9/hook"));

        // THEN my save, made from the form as I loaded it, is refused with the message for a concurrent change
        assertThatThrownBy(() -> portal.connectorAdmin.update(
                        id, mine.version(), ConnectorService.Spec.webhook("Mine", "http://127.0.0.1:9/hook")))
                .isInstanceOf(ConcurrentModificationException.class)
                .satisfies(
                        e -> assertThat(Ui.messageFor((RuntimeException) e)).startsWith("Someone else changed this"));
        assertThat(portal.connectorAdmin.get(id).name()).isEqualTo("Theirs");
        assertThat(portal.auditAdmin
                        .page(AuditQuery.all().withActionPrefix("connector.updated"), null)
                        .items())
                .hasSize(1);
    }
}
