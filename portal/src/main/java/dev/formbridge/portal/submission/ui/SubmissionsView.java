package dev.formbridge.portal.submission.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.formbridge.portal.base.ui.Pager;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.portal.site.SiteAdminService;
import dev.formbridge.portal.submission.SubmissionAdminService;
import dev.formbridge.site.Site;
import dev.formbridge.storage.Page;
import dev.formbridge.submission.SubmissionQuery;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.submission.SubmissionSummary;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Submissions, newest first, a page at a time, with filters (site, form, status, received between two UTC days) and
 * a CSV export of the filtered range.
 */
@Route("submissions")
@PageTitle("Submissions · Form-Bridge")
@PermitAll
class SubmissionsView extends VerticalLayout {
    private final SubmissionAdminService submissions;
    private final Grid<SubmissionSummary> grid = new Grid<>();
    private final Select<Site> site = new Select<>();
    private final TextField form = new TextField("Form");
    private final Select<SubmissionStatus> status = new Select<>();
    private final DatePicker from = new DatePicker("Received from (UTC)");
    private final DatePicker to = new DatePicker("to (UTC, inclusive)");
    private final Pager<SubmissionSummary> pager;
    private final Span empty = new Span();
    private volatile SubmissionQuery query = SubmissionQuery.all();
    private Map<String, String> siteNames = Map.of();

    SubmissionsView(SubmissionAdminService submissions, SiteAdminService sites) {
        this.submissions = submissions;
        this.pager = new Pager<>(cursor -> submissions.page(query, cursor), this::show);
        List<Site> siteList = sites.list();
        siteNames = siteList.stream().collect(Collectors.toMap(s -> s.id().value(), Site::name));
        configureFilters(siteList);
        configureGrid();
        Anchor export = new Anchor(new CsvDownload(submissions, () -> query), AttachmentType.DOWNLOAD, "Export CSV");
        HorizontalLayout filters = new HorizontalLayout(site, form, status, from, to, Ui.primary("Apply", this::apply));
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        HorizontalLayout paging = new HorizontalLayout(pager, export);
        paging.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(Ui.page("Submissions", filters, empty, grid, paging));
        pager.first();
    }

    private void configureFilters(List<Site> siteList) {
        site.setLabel("Site");
        site.setItems(siteList);
        site.setItemLabelGenerator(s -> s == null ? "All sites" : s.name());
        site.setEmptySelectionAllowed(true);
        site.setEmptySelectionCaption("All sites");
        form.setMaxLength(200);
        form.setClearButtonVisible(true);
        status.setLabel("Status");
        status.setItems(SubmissionStatus.values());
        status.setItemLabelGenerator(s -> s == null ? "Any status" : s.name().toLowerCase());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption("Any status");
    }

    private void configureGrid() {
        grid.setAriaLabel("Submissions");
        grid.addColumn(s -> Ui.time(s.receivedAt())).setHeader("Received").setAutoWidth(true);
        grid.addComponentColumn(s -> new RouterLink(
                        s.id().value(), SubmissionView.class, new RouteParameters("submissionId", s.id().value())))
                .setHeader("Submission")
                .setAutoWidth(true);
        grid.addColumn(s ->
                        siteNames.getOrDefault(s.siteId().value(), s.siteId().value()))
                .setHeader("Site");
        grid.addColumn(SubmissionSummary::formId).setHeader("Form");
        grid.addColumn(s -> s.status().name().toLowerCase()).setHeader("Status");
        grid.addColumn(s -> s.sizeBytes() + " B").setHeader("Size");
        grid.setAllRowsVisible(true);
    }

    private void apply() {
        var day = from.getValue();
        var lastDay = to.getValue();
        SubmissionQuery q = SubmissionQuery.all()
                .withSite(site.getValue() == null ? null : site.getValue().id())
                .withForm(form.getValue().isBlank() ? null : form.getValue().strip())
                .withStatus(status.getValue());
        if (day != null || lastDay != null) {
            q = q.receivedBetween(
                    day == null ? null : day.atStartOfDay().toInstant(ZoneOffset.UTC),
                    lastDay == null ? null : lastDay.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        query = q;
        pager.first();
    }

    private void show(Page<SubmissionSummary> page) {
        grid.setItems(page.items());
        grid.setVisible(!page.items().isEmpty());
        empty.setText(
                page.items().isEmpty() && pager.onFirstPage()
                        ? "No submissions match. Register a site and send a test submission from its page to see one here."
                        : "");
    }
}
