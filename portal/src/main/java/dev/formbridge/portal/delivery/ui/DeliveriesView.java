package dev.formbridge.portal.delivery.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.formbridge.connector.Connector;
import dev.formbridge.delivery.Attempt;
import dev.formbridge.delivery.Delivery;
import dev.formbridge.delivery.DeliveryRepository;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.portal.delivery.DeliveryAdminService;
import dev.formbridge.portal.security.TenantContext;
import jakarta.annotation.security.PermitAll;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Deliveries per connector since a time, with every attempt; replay one, or all failed ones after a confirmation
 * with their count; and the dead-letter list.
 */
@Route("deliveries")
@PageTitle("Deliveries · Form-Bridge")
@PermitAll
class DeliveriesView extends VerticalLayout {
    static final String CHOOSE = "Choose a connector and the time (UTC) to look at deliveries since.";

    private final DeliveryAdminService deliveries;
    private final boolean canChange;
    private final Select<Connector> connector = new Select<>();
    private final DateTimePicker since = new DateTimePicker("Since (UTC)");
    private final Grid<Delivery> grid = new Grid<>();
    private final Grid<DeliveryRepository.DeadLetter> deadLetters = new Grid<>();
    private final Span empty = new Span();

    DeliveriesView(DeliveryAdminService deliveries, TenantContext tenants) {
        this.deliveries = deliveries;
        this.canChange = tenants.read().role().canChange();
        List<Connector> connectors = deliveries.connectors();
        if (connectors.isEmpty()) {
            add(Ui.page(
                    "Deliveries",
                    Ui.emptyState(
                            "No connectors yet. Add a connector to deliver your submissions somewhere; its deliveries "
                                    + "show up here.",
                            null)));
            return;
        }
        connector.setLabel("Connector");
        connector.setItems(connectors);
        connector.setItemLabelGenerator(c -> c == null ? "" : c.name() + (c.enabled() ? "" : " (disabled)"));
        connector.setValue(connectors.getFirst());
        since.setValue(LocalDateTime.now(ZoneOffset.UTC).minusDays(7).withNano(0));
        configureGrid();
        configureDeadLetters();
        HorizontalLayout filters = new HorizontalLayout(connector, since, Ui.primary("Show", this::refresh));
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        VerticalLayout page = Ui.page("Deliveries", filters);
        if (canChange) {
            page.add(Ui.button("Replay all failed since…", this::confirmReplayFailed));
        }
        page.add(empty, grid, new H3("Dead letters"), deadLetters);
        add(page);
        refresh();
    }

    private void configureGrid() {
        grid.setAriaLabel("Deliveries");
        grid.addColumn(d -> Ui.time(d.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addColumn(d -> d.submissionId().value()).setHeader("Submission").setAutoWidth(true);
        grid.addColumn(d -> d.status().name().toLowerCase()).setHeader("Status");
        grid.addColumn(d -> d.attempts().size()).setHeader("Attempts");
        grid.addColumn(d -> lastAttempt(d)).setHeader("Last attempt").setAutoWidth(true);
        grid.addColumn(d -> d.nextAttemptAt() == null ? "" : Ui.time(d.nextAttemptAt()))
                .setHeader("Next retry");
        if (canChange) {
            grid.addComponentColumn(d -> new Button(
                            "Replay",
                            click -> Ui.run(() -> {
                                deliveries.replay(d.submissionId(), d.connectorId());
                                Ui.success("Delivery " + d.id().value() + " queued again.");
                                refresh();
                            })))
                    .setHeader("Actions");
        }
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(DeliveriesView::attempts));
        grid.setAllRowsVisible(true);
    }

    private static Div attempts(Delivery delivery) {
        Div list = new Div();
        for (Attempt attempt : delivery.attempts()) {
            list.add(new Div("#" + attempt.number() + " · " + Ui.time(attempt.at()) + " · "
                    + (attempt.statusCode() == 0 ? "no answer" : "HTTP " + attempt.statusCode()) + " · "
                    + attempt.duration().toMillis() + " ms"
                    + (attempt.error() == null ? "" : " · " + attempt.error())));
        }
        if (delivery.attempts().isEmpty()) {
            list.add(new Div("No attempt yet."));
        }
        return list;
    }

    private static String lastAttempt(Delivery delivery) {
        if (delivery.attempts().isEmpty()) {
            return "";
        }
        Attempt last = delivery.attempts().getLast();
        return (last.statusCode() == 0 ? "no answer" : "HTTP " + last.statusCode())
                + (last.error() == null ? "" : " · " + last.error());
    }

    private void configureDeadLetters() {
        deadLetters.setAriaLabel("Dead letters");
        deadLetters.addColumn(d -> Ui.time(d.at())).setHeader("Given up").setAutoWidth(true);
        deadLetters.addColumn(d -> d.deliveryId().value()).setHeader("Delivery").setAutoWidth(true);
        deadLetters
                .addColumn(d -> d.submissionId().value())
                .setHeader("Submission")
                .setAutoWidth(true);
        deadLetters.addColumn(DeliveryRepository.DeadLetter::reason).setHeader("Reason");
        if (canChange) {
            deadLetters
                    .addComponentColumn(d -> new Button(
                            "Replay",
                            click -> Ui.run(() -> {
                                deliveries.replay(d.submissionId(), d.connectorId());
                                Ui.success("Delivery " + d.deliveryId().value() + " queued again.");
                                refresh();
                            })))
                    .setHeader("Actions");
        }
        deadLetters.setAllRowsVisible(true);
    }

    private void refresh() {
        if (connector.getValue() == null || since.getValue() == null) {
            Ui.error(CHOOSE);
            return;
        }
        Ui.run(() -> {
            List<Delivery> list = deliveries.ofConnector(
                    connector.getValue().id(), since.getValue().toInstant(ZoneOffset.UTC));
            grid.setItems(list);
            empty.setText(list.isEmpty() ? "No deliveries for this connector in this time." : "");
            deadLetters.setItems(deliveries.deadLetters());
        });
    }

    private void confirmReplayFailed() {
        var chosen = connector.getValue();
        if (chosen == null || since.getValue() == null) {
            Ui.error(CHOOSE);
            return;
        }
        var from = since.getValue().toInstant(ZoneOffset.UTC);
        int count = deliveries.countFailedSince(chosen.id(), from);
        if (count == 0) {
            Ui.success("No failed deliveries of " + chosen.name() + " since " + Ui.time(from) + ".");
            return;
        }
        Ui.confirm(
                "Replay " + count + " failed deliveries?",
                count + " deliveries of " + chosen.name() + " that failed since " + Ui.time(from)
                        + " are queued again, each with its id and a fresh retry budget.",
                "Replay " + count,
                () -> {
                    int replayed = deliveries.replayFailedSince(chosen.id(), from);
                    Ui.success(replayed + " deliveries queued again.");
                    refresh();
                });
    }
}
