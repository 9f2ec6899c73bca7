package dev.formbridge.portal.site.ui;

import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.formbridge.portal.base.RuntimeSettings;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.portal.security.TenantContext;
import dev.formbridge.portal.site.SiteAdminService;
import dev.formbridge.site.Site;
import dev.formbridge.site.SiteService;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** The organisation's sites, and registering a new one. */
@Route("sites")
@PageTitle("Sites · Form-Bridge")
@PermitAll
class SitesView extends VerticalLayout {
    private final SiteAdminService sites;
    private final String ingestUrl;
    private final Grid<Site> grid = new Grid<>();
    private final VerticalLayout page;

    SitesView(SiteAdminService sites, TenantContext tenants, RuntimeSettings settings) {
        this.sites = sites;
        this.ingestUrl = settings.ingestUrl();
        boolean canChange = tenants.read().role().canChange();
        configureGrid();
        page = Ui.page("Sites");
        if (canChange) {
            page.add(Ui.primary("Register site", this::openRegisterDialog));
        }
        add(page);
        refresh();
    }

    private void configureGrid() {
        grid.setAriaLabel("Sites");
        grid.addComponentColumn(site -> new RouterLink(
                        site.name(),
                        SiteView.class,
                        new RouteParameters("siteId", site.id().value())))
                .setHeader("Name")
                .setAutoWidth(true);
        grid.addColumn(Site::url).setHeader("Address");
        grid.addColumn(site -> site.key().value()).setHeader("Site key").setAutoWidth(true);
        grid.addColumn(site -> site.status().name().toLowerCase()).setHeader("Status");
        grid.setAllRowsVisible(true);
    }

    private void refresh() {
        List<Site> list = sites.list();
        page.getChildren()
                .filter(c -> c == grid || c.hasClassName("fb-empty"))
                .toList()
                .forEach(page::remove);
        if (list.isEmpty()) {
            page.add(
                    Ui.emptyState("No sites yet. Register your website to get its site key and signing secret.", null));
        } else {
            grid.setItems(list);
            page.add(grid);
        }
    }

    private void openRegisterDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Register a site");
        TextField name = new TextField("Name");
        name.setRequired(true);
        name.setMaxLength(80);
        TextField url = new TextField("Address");
        url.setPlaceholder("https://www.example.com");
        url.setRequired(true);
        dialog.add(new VerticalLayout(name, url));
        dialog.getFooter().add(Ui.button("Cancel", dialog::close), Ui.primary("Register", () -> {
            var registered = sites.register(name.getValue(), url.getValue());
            SiteService.NewSecret created = registered.result();
            dialog.close();
            refresh();
            new NewSecretDialog(
                            created,
                            ingestUrl,
                            "Site registered: " + created.site().name())
                    .open();
            Ui.warnIfNotAudited(registered.auditWritten());
        }));
        dialog.open();
        name.focus();
    }
}
