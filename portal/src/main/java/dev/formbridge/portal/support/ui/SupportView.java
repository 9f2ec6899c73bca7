package dev.formbridge.portal.support.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditQuery;
import dev.formbridge.metrics.TenantHealth;
import dev.formbridge.portal.audit.ui.AuditEventGrid;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.portal.security.CurrentUser;
import dev.formbridge.portal.support.SupportService;
import dev.formbridge.storage.Page;
import dev.formbridge.tenant.Tenant;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The support console: all organisations, and the audit events of every organisation on one day. */
@Route("support")
@PageTitle("Support console · Form-Bridge")
@RolesAllowed(CurrentUser.SUPPORT_ROLE)
class SupportView extends VerticalLayout {
    private final SupportService support;
    private final Grid<Tenant> organisations = new Grid<>();
    private final Button moreOrganisations = new Button("More organisations");
    private final AuditEventGrid events = new AuditEventGrid(true);
    private final DatePicker day = new DatePicker("Day (UTC)", LocalDate.now(ZoneOffset.UTC));
    private final TextField actor = new TextField("Actor");
    private final TextField action = new TextField("Action starts with");
    private final Button moreEvents = new Button("More events");
    private String organisationsCursor;
    private Listing shownEvents;
    private String eventsCursor;

    /** The audit events listing on show: "More events" continues it, whatever the filter fields hold now. */
    private record Listing(LocalDate day, AuditQuery query) {}

    SupportView(SupportService support) {
        this.support = support;
        configureOrganisations();
        HorizontalLayout filters = new HorizontalLayout(day, actor, action, Ui.primary("Show", this::showEvents));
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        moreEvents.addClickListener(click -> Ui.run(this::moreEvents));
        // a cursor belongs to the listing it came from: a changed filter needs "Show" before there is more of it
        day.addValueChangeListener(change -> forgetEventsCursor());
        actor.addValueChangeListener(change -> forgetEventsCursor());
        action.addValueChangeListener(change -> forgetEventsCursor());
        add(Ui.page(
                "Support console",
                new H3("Health today (UTC)"),
                createHealth(),
                new H3("Organisations"),
                organisations,
                moreOrganisations,
                new H3("Audit events across organisations"),
                filters,
                events,
                moreEvents));
        loadOrganisations(null);
        showEvents();
    }

    private Grid<TenantHealth> createHealth() {
        Grid<TenantHealth> health = new Grid<>();
        health.setAriaLabel("Health across organisations");
        health.addComponentColumn(h -> new RouterLink(
                        h.tenantId().value(),
                        SupportOrganisationView.class,
                        new RouteParameters("tenantId", h.tenantId().value())))
                .setHeader("Organisation")
                .setAutoWidth(true);
        health.addColumn(TenantHealth::accepted).setHeader("Accepted");
        health.addColumn(TenantHealth::rejectedSignatures).setHeader("Rejected signatures");
        health.addColumn(TenantHealth::delivered).setHeader("Delivered");
        health.addColumn(TenantHealth::failed).setHeader("Failed");
        health.addColumn(h -> h.failureRate() == null ? "–" : String.format("%.1f %%", 100 * h.failureRate()))
                .setHeader("Failure rate");
        health.addColumn(h -> h.deadLetters() == null ? "–" : String.valueOf(h.deadLetters()))
                .setHeader("Dead letters");
        health.setItems(support.health(LocalDate.now(ZoneOffset.UTC)));
        health.setAllRowsVisible(true);
        return health;
    }

    private void configureOrganisations() {
        organisations.setAriaLabel("Organisations");
        organisations
                .addComponentColumn(t -> new RouterLink(
                        t.name(), SupportOrganisationView.class, new RouteParameters("tenantId", t.id().value())))
                .setHeader("Organisation")
                .setAutoWidth(true);
        organisations.addColumn(t -> t.id().value()).setHeader("Id");
        organisations.addColumn(t -> t.status().name().toLowerCase()).setHeader("Status");
        organisations.setAllRowsVisible(true);
        moreOrganisations.addClickListener(click -> loadOrganisations(organisationsCursor));
    }

    private void loadOrganisations(String cursor) {
        Page<Tenant> page = support.organisations(cursor);
        if (cursor == null) {
            organisations.setItems(page.items());
        } else {
            var all = new java.util.ArrayList<>(
                    organisations.getListDataView().getItems().toList());
            all.addAll(page.items());
            organisations.setItems(all);
        }
        organisationsCursor = page.nextCursor();
        moreOrganisations.setVisible(page.hasNext());
    }

    private void showEvents() {
        AuditQuery query = AuditQuery.all();
        if (!actor.getValue().isBlank())
            query = query.withActor(actor.getValue().strip());
        if (!action.getValue().isBlank())
            query = query.withActionPrefix(action.getValue().strip());
        shownEvents = new Listing(day.getValue() == null ? LocalDate.now(ZoneOffset.UTC) : day.getValue(), query);
        events.setItems();
        appendEvents(null);
    }

    private void moreEvents() {
        if (eventsCursor != null) {
            appendEvents(eventsCursor);
        }
    }

    private void forgetEventsCursor() {
        eventsCursor = null;
        moreEvents.setVisible(false);
    }

    private void appendEvents(String cursor) {
        Page<AuditEvent> page = support.auditAcrossOrganisations(shownEvents.day(), shownEvents.query(), cursor);
        var all = new java.util.ArrayList<AuditEvent>(
                cursor == null
                        ? java.util.List.of()
                        : events.getListDataView().getItems().toList());
        all.addAll(page.items());
        events.setItems(all);
        eventsCursor = page.nextCursor();
        moreEvents.setVisible(page.hasNext());
    }
}
