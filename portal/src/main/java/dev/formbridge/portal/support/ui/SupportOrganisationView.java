package dev.formbridge.portal.support.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.formbridge.audit.AuditQuery;
import dev.formbridge.portal.audit.ui.AuditEventGrid;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.portal.security.CurrentUser;
import dev.formbridge.portal.security.NotFoundException;
import dev.formbridge.portal.support.SupportService;
import dev.formbridge.submission.SubmissionSummary;
import dev.formbridge.tenant.TenantId;
import jakarta.annotation.security.RolesAllowed;

/** One organisation, read-only, for support staff: sites without secrets, submission metadata, audit log. */
@Route("support/organisations/:tenantId")
@PageTitle("Organisation · Support · Form-Bridge")
@RolesAllowed(CurrentUser.SUPPORT_ROLE)
class SupportOrganisationView extends VerticalLayout implements BeforeEnterObserver {
    private final SupportService support;

    SupportOrganisationView(SupportService support) {
        this.support = support;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            TenantId id = SupportService.parseId(
                    event.getRouteParameters().get("tenantId").orElse(""));
            render(support.organisation(id), id);
        } catch (NotFoundException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
        }
    }

    private void render(SupportService.Organisation organisation, TenantId id) {
        removeAll();
        Grid<SupportService.SiteSummary> sites = new Grid<>();
        sites.setAriaLabel("Sites");
        sites.addColumn(SupportService.SiteSummary::name).setHeader("Site");
        sites.addColumn(SupportService.SiteSummary::url).setHeader("Address");
        sites.addColumn(SupportService.SiteSummary::siteKey).setHeader("Site key");
        sites.addColumn(SupportService.SiteSummary::status).setHeader("Status");
        sites.setItems(organisation.sites());
        sites.setAllRowsVisible(true);
        Grid<SubmissionSummary> submissions = new Grid<>();
        submissions.setAriaLabel("Recent submissions");
        submissions.addColumn(s -> Ui.time(s.receivedAt())).setHeader("Received");
        submissions.addColumn(s -> s.id().value()).setHeader("Submission");
        submissions.addColumn(SubmissionSummary::formId).setHeader("Form");
        submissions.addColumn(s -> s.status().name().toLowerCase()).setHeader("Status");
        submissions.setItems(organisation.recentSubmissions());
        submissions.setAllRowsVisible(true);
        AuditEventGrid audit = new AuditEventGrid(false);
        audit.setItems(support.auditOf(id, AuditQuery.all(), null).items());
        add(Ui.page(
                organisation.tenant().name(),
                new Paragraph("Read-only. Your look at this organisation is recorded in its audit log."),
                new H3("Sites"),
                sites,
                new H3("Recent submissions (metadata only)"),
                submissions,
                new H3("Audit log (latest)"),
                audit));
    }
}
