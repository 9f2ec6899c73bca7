package dev.formbridge.portal.submission.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.formbridge.Json;
import dev.formbridge.delivery.Delivery;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.portal.delivery.DeliveryAdminService;
import dev.formbridge.portal.security.NotFoundException;
import dev.formbridge.portal.security.TenantContext;
import dev.formbridge.portal.submission.SubmissionAdminService;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionErasure;
import dev.formbridge.submission.SubmissionId;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One submission: its fields, source, status and deliveries; erasure for a personal-data request. */
@Route("submissions/:submissionId")
@PageTitle("Submission · Form-Bridge")
@PermitAll
class SubmissionView extends VerticalLayout implements BeforeEnterObserver {
    private final SubmissionAdminService submissions;
    private final TenantContext tenants;
    private final DeliveryAdminService deliveryAdmin;

    SubmissionView(SubmissionAdminService submissions, TenantContext tenants, DeliveryAdminService deliveryAdmin) {
        this.submissions = submissions;
        this.tenants = tenants;
        this.deliveryAdmin = deliveryAdmin;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            SubmissionId id = SubmissionAdminService.parseId(
                    event.getRouteParameters().get("submissionId").orElse(""));
            render(submissions.get(id));
        } catch (NotFoundException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
        }
    }

    private void render(SubmissionAdminService.Detail detail) {
        removeAll();
        Submission submission = detail.submission();
        JsonNode payload = parse(submission.payload());
        VerticalLayout page = Ui.page(
                "Submission " + submission.id().value(),
                new Paragraph("Form: " + submission.formId() + " · received " + Ui.time(submission.receivedAt())
                        + " · status " + submission.status().name().toLowerCase() + " · " + submission.sizeBytes()
                        + " bytes"),
                new H3("Fields"),
                createFields(payload),
                new H3("Source"),
                source(payload),
                new H3("Deliveries"),
                createDeliveries(detail.deliveries()));
        if (tenants.read().role().canChange()) {
            page.add(Ui.button("Replay to all connectors", () -> {
                int queued = deliveryAdmin.replaySubmission(submission.id());
                Ui.success(queued + " deliveries queued again.");
                render(submissions.get(submission.id()));
            }));
            page.add(Ui.button(
                    "Erase this submission",
                    () -> Ui.confirm(
                            "Erase this submission?",
                            "The submission, its deliveries and dead letters are removed for good (a personal-data request). "
                                    + "The audit log keeps that you erased it.",
                            "Erase",
                            () -> {
                                var erasure = submissions.erase(submission.id());
                                SubmissionErasure erased = erasure.result();
                                Ui.success("Erased the submission and " + erased.deliveries() + " deliveries.");
                                Ui.warnIfNotAudited(erasure.auditWritten());
                                getUI().ifPresent(ui -> ui.navigate(SubmissionsView.class));
                            })));
        }
        add(page);
    }

    private static Grid<Map.Entry<String, String>> createFields(JsonNode payload) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        payload.path("fields")
                .properties()
                .forEach(field -> fields.add(Map.entry(
                        field.getKey(),
                        field.getValue().isTextual()
                                ? field.getValue().asText()
                                : field.getValue().toString())));
        Grid<Map.Entry<String, String>> grid = new Grid<>();
        grid.setAriaLabel("Fields");
        grid.addColumn(Map.Entry::getKey).setHeader("Field").setAutoWidth(true);
        grid.addColumn(Map.Entry::getValue).setHeader("Value");
        grid.setItems(fields);
        grid.setAllRowsVisible(true);
        return grid;
    }

    private static Pre source(JsonNode payload) {
        Pre pre = new Pre(payload.path("source").toPrettyString());
        pre.addClassName("fb-code");
        return pre;
    }

    private static Grid<Delivery> createDeliveries(List<Delivery> deliveries) {
        Grid<Delivery> grid = new Grid<>();
        grid.setAriaLabel("Deliveries");
        grid.addColumn(d -> d.connectorId().value()).setHeader("Connector");
        grid.addColumn(d -> d.status().name().toLowerCase()).setHeader("Status");
        grid.addColumn(d -> d.attempts().size()).setHeader("Attempts");
        grid.addColumn(d -> d.attempts().isEmpty()
                        ? ""
                        : d.attempts().getLast().statusCode() + " "
                                + Ui.time(d.attempts().getLast().at()))
                .setHeader("Last attempt");
        grid.addColumn(d -> Ui.time(d.nextAttemptAt())).setHeader("Next attempt");
        grid.setItems(deliveries);
        grid.setAllRowsVisible(true);
        return grid;
    }

    private static JsonNode parse(String payload) {
        try {
            return Json.MAPPER.readTree(payload);
        } catch (Exception e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
