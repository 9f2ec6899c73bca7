package dev.formbridge.portal.connector.ui;

import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.portal.connector.ConnectorAdminService;
import dev.formbridge.portal.security.TenantContext;
import jakarta.annotation.security.PermitAll;

/** The organisation's connectors, and adding one. */
@Route("connectors")
@PageTitle("Connectors · Form-Bridge")
@PermitAll
class ConnectorsView extends VerticalLayout {
    private final ConnectorAdminService connectors;
    private final Grid<Connector> grid = new Grid<>();

    ConnectorsView(ConnectorAdminService connectors, TenantContext tenants) {
        this.connectors = connectors;
        grid.setAriaLabel("Connectors");
        grid.addComponentColumn(c -> new RouterLink(
                        c.name(), ConnectorView.class, new RouteParameters("connectorId", c.id().value())))
                .setHeader("Name")
                .setAutoWidth(true);
        grid.addColumn(c -> c.type().name().toLowerCase()).setHeader("Type");
        grid.addColumn(c -> c.filter() == null ? "every submission" : c.filter())
                .setHeader("Filter");
        grid.addColumn(c -> c.enabled() ? "enabled" : "disabled" + reason(c)).setHeader("Status");
        grid.setAllRowsVisible(true);
        VerticalLayout page = Ui.page("Connectors");
        if (tenants.read().role().canChange()) {
            page.add(Ui.primary("Add connector", this::openAddDialog));
        }
        page.add(grid);
        add(page);
        refresh(page);
    }

    private static String reason(Connector connector) {
        return connector.disabledReason() == null ? "" : " (" + connector.disabledReason() + ")";
    }

    private void refresh(VerticalLayout page) {
        var list = connectors.list();
        grid.setItems(list);
        grid.setVisible(!list.isEmpty());
        page.getChildren().filter(c -> c.hasClassName("fb-empty")).toList().forEach(page::remove);
        if (list.isEmpty()) {
            page.add(Ui.emptyState(
                    "No connectors yet. A connector delivers your submissions to a webhook, a Slack channel or "
                            + "e-mail addresses, filtered by site, form or field.",
                    null));
        }
    }

    private void openAddDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Add a connector");
        dialog.setWidth("min(44rem, 95vw)");
        ConnectorForm form = new ConnectorForm(true, connectors.siteChoices());
        dialog.add(form);
        dialog.getFooter().add(Ui.button("Cancel", dialog::close), Ui.primary("Create connector", () -> {
            var creation = connectors.create(form.spec(null));
            ConnectorService.NewConnector created = creation.result();
            dialog.close();
            getChildren().findFirst().ifPresent(c -> refresh((VerticalLayout) c));
            if (created.signingSecret() != null) {
                new SecretShownOnce(created.connector().name(), created.signingSecret()).open();
            }
            Ui.warnIfNotAudited(creation.auditWritten());
        }));
        dialog.open();
    }
}
