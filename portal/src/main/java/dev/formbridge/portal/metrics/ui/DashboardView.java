package dev.formbridge.portal.metrics.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import dev.formbridge.metrics.Dashboard;
import dev.formbridge.metrics.LatencyPercentile;
import dev.formbridge.metrics.MetricNames;
import dev.formbridge.metrics.Range;
import dev.formbridge.portal.base.ui.SvgChart;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.portal.metrics.DashboardService;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The organisation's dashboard: totals, charts over time, and per-site and per-connector tables for the last hour,
 * day or 30 days. It refreshes itself every 15 seconds while open (counters are written every 10–30 s).
 */
@Route("dashboard")
@PageTitle("Dashboard · Form-Bridge")
@PermitAll
class DashboardView extends VerticalLayout {
    static final int REFRESH_MILLIS = 15_000;
    private static final List<Range> RANGES = List.of(Range.LAST_HOUR, Range.LAST_DAY, Range.LAST_30_DAYS);

    private final DashboardService dashboards;
    private final Tabs ranges = new Tabs(new Tab("Last hour"), new Tab("Last day"), new Tab("Last 30 days"));
    private final VerticalLayout content = new VerticalLayout();
    private Registration polling;

    DashboardView(DashboardService dashboards) {
        this.dashboards = dashboards;
        ranges.getElement().setAttribute("aria-label", "Time range");
        ranges.addSelectedChangeListener(change -> refresh());
        content.setPadding(false);
        add(Ui.page("Dashboard", ranges, content));
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        attach.getUI().setPollInterval(REFRESH_MILLIS);
        polling = attach.getUI().addPollListener(poll -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detach.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
            polling = null;
        }
    }

    private Range range() {
        return RANGES.get(Math.max(0, ranges.getSelectedIndex()));
    }

    private void refresh() {
        DashboardService.View view = dashboards.dashboard(range());
        content.removeAll();
        if (!view.hasSites()) {
            content.add(Ui.emptyState(
                    "Nothing to count yet. Register your first site, then send a test submission from its page.",
                    new Anchor("sites", "Register a site")));
            return;
        }
        Dashboard dashboard = view.dashboard();
        content.add(createTotals(dashboard), createCharts(dashboard));
        if (!view.hasConnectors()) {
            content.add(Ui.emptyState(
                    "Submissions arrive, but nothing delivers them yet. Add a connector (a webhook, Slack or e-mail).",
                    null));
        }
        content.add(new H3("Sites"), createSites(view), new H3("Connectors"), createConnectors(view));
    }

    private FlexLayout createTotals(Dashboard dashboard) {
        Dashboard.Totals totals = dashboard.totals();
        FlexLayout cards = new FlexLayout(
                card("Accepted", totals.accepted(), "accepted"),
                card("Rejected", totals.rejected(), "rejected"),
                card("Delivered", totals.delivered(), "delivered"),
                card("Failed", totals.failed(), "failed"),
                card("Retried", totals.retried(), "retried"),
                card("Latency p50", latency(totals.p50()), "latency-p50"),
                card("Latency p95", latency(totals.p95()), "latency-p95"));
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "0.75rem");
        if (!totals.rejectedByReason().isEmpty()) {
            Span reasons = new Span("Rejected by reason: "
                    + String.join(
                            ", ",
                            totals.rejectedByReason().entrySet().stream()
                                    .map(e -> e.getKey() + " " + e.getValue())
                                    .toList()));
            reasons.setId("rejected-by-reason");
            cards.add(reasons);
        }
        return cards;
    }

    private static Div card(String label, Object value, String id) {
        Div card = new Div(new Span(label), new Div(String.valueOf(value)));
        card.setId("total-" + id);
        card.addClassName("fb-card");
        return card;
    }

    private VerticalLayout createCharts(Dashboard dashboard) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern(range() == Range.LAST_30_DAYS ? "MM-dd" : "HH:mm")
                .withZone(ZoneOffset.UTC);
        List<String> labels = dashboard.series(MetricNames.ACCEPTED).orElseThrow().points().stream()
                .map(p -> format.format(p.start()))
                .toList();
        SvgChart ingest = new SvgChart("Submissions", labels)
                .series("accepted", values(dashboard, MetricNames.ACCEPTED))
                .series("rejected", values(dashboard, MetricNames.REJECTED));
        SvgChart delivery = new SvgChart("Deliveries", labels)
                .series("delivered", values(dashboard, MetricNames.DELIVERED))
                .series("failed", values(dashboard, MetricNames.FAILED))
                .series("retried", values(dashboard, MetricNames.RETRIED));
        VerticalLayout charts = new VerticalLayout(
                new H3("Submissions"), ingest.component(), new H3("Deliveries"), delivery.component());
        charts.setPadding(false);
        return charts;
    }

    private static long[] values(Dashboard dashboard, String counter) {
        return dashboard.series(counter).orElseThrow().points().stream()
                .mapToLong(Dashboard.Point::value)
                .toArray();
    }

    private static Grid<Dashboard.SiteRow> createSites(DashboardService.View view) {
        Grid<Dashboard.SiteRow> grid = new Grid<>();
        grid.setAriaLabel("Per site");
        grid.addColumn(row -> view.nameOf(row.siteId())).setHeader("Site");
        grid.addColumn(Dashboard.SiteRow::accepted).setHeader("Accepted");
        grid.addColumn(Dashboard.SiteRow::rejected).setHeader("Rejected");
        grid.setItems(view.dashboard().sites());
        grid.setAllRowsVisible(true);
        return grid;
    }

    private static Grid<Dashboard.ConnectorRow> createConnectors(DashboardService.View view) {
        Grid<Dashboard.ConnectorRow> grid = new Grid<>();
        grid.setAriaLabel("Per connector");
        grid.addColumn(row -> view.nameOf(row.connectorId())).setHeader("Connector");
        grid.addColumn(Dashboard.ConnectorRow::delivered).setHeader("Delivered");
        grid.addColumn(Dashboard.ConnectorRow::failed).setHeader("Failed");
        grid.addColumn(Dashboard.ConnectorRow::retried).setHeader("Retried");
        grid.addColumn(row -> latency(row.p50())).setHeader("p50");
        grid.addColumn(row -> latency(row.p95())).setHeader("p95");
        grid.setItems(view.dashboard().connectors());
        grid.setAllRowsVisible(true);
        return grid;
    }

    private static String latency(LatencyPercentile percentile) {
        if (percentile == null) {
            return "–";
        }
        long millis = percentile.bound().toMillis();
        String bound = millis < 1000 ? millis + " ms" : (millis / 1000) + " s";
        return percentile.overflow() ? "> " + bound : "≤ " + bound;
    }
}
