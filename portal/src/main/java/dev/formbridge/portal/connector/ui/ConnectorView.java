package dev.formbridge.portal.connector.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.formbridge.connector.CircuitState;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorId;
import dev.formbridge.connector.ConnectorVersion;
import dev.formbridge.delivery.DryRun;
import dev.formbridge.delivery.TestSend;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.portal.connector.ConnectorAdminService;
import dev.formbridge.portal.security.NotFoundException;
import dev.formbridge.portal.security.TenantContext;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * One connector: its settings (editable by admins), status and circuit, test-send, a dry run over real recent
 * submissions that sends nothing, signing-secret rotation, and the version history with restore.
 */
@Route("connectors/:connectorId")
@PageTitle("Connector · Form-Bridge")
@PermitAll
class ConnectorView extends VerticalLayout implements BeforeEnterObserver {
    private final ConnectorAdminService connectors;
    private final TenantContext tenants;
    private ConnectorId id;

    ConnectorView(ConnectorAdminService connectors, TenantContext tenants) {
        this.connectors = connectors;
        this.tenants = tenants;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            id = ConnectorAdminService.parseId(
                    event.getRouteParameters().get("connectorId").orElse(""));
            render(connectors.get(id));
        } catch (NotFoundException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
        }
    }

    private void render(Connector connector) {
        removeAll();
        boolean canChange = tenants.read().role().canChange();
        CircuitState circuit = connectors.circuit(id);
        VerticalLayout page = Ui.page(
                connector.name(),
                new Paragraph(connector.type().name().toLowerCase() + " · "
                        + (connector.enabled() ? "enabled" : "disabled")
                        + (connector.disabledReason() == null ? "" : " (" + connector.disabledReason() + ")")
                        + " · circuit " + circuit.status().name().toLowerCase().replace('_', '-')
                        + (circuit.openUntil() == null ? "" : " until " + Ui.time(circuit.openUntil()))));
        if (canChange) {
            page.add(createActions(connector), createEditForm(connector));
        }
        page.add(
                new H3("Dry run: the last " + ConnectorAdminService.DRY_RUN_SUBMISSIONS + " submissions"),
                createDryRun(),
                new H3("Versions"),
                createVersions(canChange));
        add(page);
    }

    private HorizontalLayout createActions(Connector connector) {
        HorizontalLayout actions = new HorizontalLayout(
                Ui.primary("Test send", () -> {
                    TestSend.Result result = connectors.testSend(id);
                    if (result.delivered()) {
                        Ui.success("Delivered: HTTP " + result.status() + " in "
                                + result.duration().toMillis() + " ms.");
                    } else {
                        Ui.error("Not delivered: " + (result.status() == 0 ? "" : "HTTP " + result.status() + " ")
                                + (result.error() == null ? "" : result.error()));
                    }
                }),
                connector.enabled()
                        ? Ui.button("Disable", () -> render(connectors.setEnabled(id, false)))
                        : Ui.button("Enable", () -> render(connectors.setEnabled(id, true))));
        if (connector.type() == dev.formbridge.connector.ConnectorType.WEBHOOK) {
            actions.add(Ui.button("Rotate signing secret", () -> {
                var rotation = connectors.rotateSigningSecret(id, Duration.ofHours(24));
                var rotated = rotation.result();
                render(rotated.connector());
                new SecretShownOnce(rotated.connector().name(), rotated.signingSecret()).open();
                Ui.warnIfNotAudited(rotation.auditWritten());
            }));
        }
        actions.setWrap(true);
        return actions;
    }

    private VerticalLayout createEditForm(Connector connector) {
        ConnectorForm form = new ConnectorForm(false, connectors.siteChoices());
        form.load(connector);
        Grid<DryRun.Preview> preview = previewGrid();
        preview.setVisible(false);
        VerticalLayout edit = new VerticalLayout(
                new H3("Settings"),
                form,
                new HorizontalLayout(
                        Ui.primary("Save", () -> {
                            // the version the form was loaded with: a change made meanwhile is refused, not overwritten
                            Connector saved = connectors.update(id, connector.version(), form.spec(connector));
                            Ui.success("Saved as version " + saved.revision().number() + ".");
                            render(saved);
                        }),
                        Ui.button("Preview my changes", () -> {
                            preview.setItems(connectors.preview(id, form.spec(connector)));
                            preview.setVisible(true);
                        })),
                preview);
        edit.setPadding(false);
        return edit;
    }

    private Grid<DryRun.Preview> createDryRun() {
        Grid<DryRun.Preview> grid = previewGrid();
        grid.setItems(connectors.dryRun(id));
        return grid;
    }

    /** Rows of a dry run: submission, whether the filter lets it through, where it would go; a row opens the request. */
    private static Grid<DryRun.Preview> previewGrid() {
        Grid<DryRun.Preview> grid = new Grid<>();
        grid.setAriaLabel("Dry run");
        grid.addColumn(p -> p.submissionId().value()).setHeader("Submission").setAutoWidth(true);
        grid.addColumn(DryRun.Preview::formId).setHeader("Form");
        grid.addColumn(p -> p.matches() ? "would be sent" : "filtered out").setHeader("Filter");
        grid.addColumn(p -> p.error() == null
                        ? (p.request() == null ? "" : p.request().target())
                        : p.error())
                .setHeader("To")
                .setAutoWidth(true);
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(ConnectorView::request));
        grid.setAllRowsVisible(true);
        return grid;
    }

    private static Pre request(DryRun.Preview preview) {
        if (preview.request() == null) {
            return new Pre(preview.error() == null ? "" : preview.error());
        }
        String headers = preview.request().headers().entrySet().stream()
                .map(h -> h.getKey() + ": " + h.getValue())
                .collect(Collectors.joining("\n"));
        Pre pre = new Pre(preview.request().method() + " " + preview.request().target() + "\n" + headers + "\n\n"
                + preview.request().body());
        pre.addClassName("fb-code");
        return pre;
    }

    private Grid<ConnectorVersion> createVersions(boolean canChange) {
        Grid<ConnectorVersion> grid = new Grid<>();
        grid.setAriaLabel("Versions");
        grid.addColumn(ConnectorVersion::number).setHeader("Version");
        grid.addColumn(v -> Ui.time(v.at())).setHeader("Saved").setAutoWidth(true);
        grid.addColumn(ConnectorVersion::actor).setHeader("By");
        grid.addColumn(v -> v.restoredFrom() == 0 ? "" : "restored from " + v.restoredFrom())
                .setHeader("Note");
        if (canChange) {
            grid.addComponentColumn(v -> new Button(
                            "Restore",
                            click -> Ui.confirm(
                                    "Restore version " + v.number() + "?",
                                    "Its settings become current as a new version; credentials and secrets stay as they are.",
                                    "Restore",
                                    () -> render(connectors.restore(id, v.number())))))
                    .setHeader("Actions");
        }
        grid.setItems(connectors.versions(id));
        grid.setAllRowsVisible(true);
        return grid;
    }
}
