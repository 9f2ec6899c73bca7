package dev.formbridge.portal.submission.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.DownloadEvent;
import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditQuery;
import dev.formbridge.portal.security.TabTenantSelection;
import dev.formbridge.portal.testutils.BrowserTabs;
import dev.formbridge.portal.testutils.PortalServices;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionQuery;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.StoredSubmissions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV export runs as Vaadin runs a download, without the session lock and without a current UI: it must still
 * export the organisation of the tab the link was in, read under the lock before streaming.
 */
class CsvDownloadTest {
    private static final String ALICE = "alice@a.example";

    private PortalServices portal;
    private BrowserTabs tabs;
    private VaadinSession session;
    private UI tabA;
    private TenantId tenantA;
    private Submission submissionA;
    private Submission submissionB;

    @BeforeEach
    void setUp(@TempDir Path keys) {
        portal = new PortalServices(keys, new TabTenantSelection());
        tabs = new BrowserTabs(portal);
        session = tabs.newSession();
        tabA = tabs.newTab(session);
        submissionA = tabs.request(tabA, ALICE, () -> createOrganisationWithASubmission("Organisation A"));
        tenantA = submissionA.tenantId();
        // then, in another tab, Alice creates organisation B, which becomes her latest choice
        submissionB = tabs.request(tabs.newTab(session), ALICE, () -> createOrganisationWithASubmission("B"));
    }

    @AfterEach
    void signOut() {
        portal.signOut();
    }

    @Test
    void the_export_of_a_tab_streams_the_organisation_it_shows_read_under_the_lock_before_streaming() {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        DownloadEvent event = mock(DownloadEvent.class);
        when(event.getUI()).thenReturn(tabA);
        when(event.getOutputStream()).thenReturn(csv);

        tabs.download(session, ALICE, () -> {
            try {
                new CsvDownload(portal.submissionAdmin, SubmissionQuery::all).handleDownloadRequest(event);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThat(csv.toString(StandardCharsets.UTF_8))
                .contains(submissionA.id().value())
                .doesNotContain(submissionB.id().value());
        assertThat(portal.auditLog.page(tenantA, AuditQuery.all(), null, 50).items())
                .extracting(AuditEvent::action)
                .contains("submission.exported");
    }

    private Submission createOrganisationWithASubmission(String name) {
        TenantId tenant = portal.teamAdmin.createOrganisation(name).id();
        var site = portal.siteAdmin
                .register("Shop", "https://shop.example")
                .result()
                .site();
        return new StoredSubmissions(portal.storage)
                .store(tenant, site.id(), "contact", SubmissionStatus.ACCEPTED, portal.clock.instant());
    }
}
