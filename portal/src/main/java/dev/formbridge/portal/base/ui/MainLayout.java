package dev.formbridge.portal.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import dev.formbridge.portal.security.CurrentUser;
import dev.formbridge.portal.security.TenantContext;
import dev.formbridge.team.Membership;
import dev.formbridge.team.TeamService;
import dev.formbridge.tenant.TenantId;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * The frame around every signed-in view: side navigation, and a header with the organisation switcher and the user
 * menu. Support staff get the support console in the navigation.
 */
@Layout
@PermitAll
public final class MainLayout extends AppLayout {
    private final CurrentUser currentUser;
    private final TenantContext tenants;
    private final TeamService team;

    MainLayout(CurrentUser currentUser, TenantContext tenants, TeamService team) {
        this.currentUser = currentUser;
        this.tenants = tenants;
        this.team = team;
        setPrimarySection(Section.DRAWER);
        addToDrawer(createBrand(), createNavigation());
        addToNavbar(new DrawerToggle(), createHeader());
    }

    private Span createBrand() {
        Span brand = new Span("Form-Bridge");
        brand.getStyle().set("font-weight", "700").set("font-size", "1.2rem").set("padding", "1rem");
        return brand;
    }

    private SideNav createNavigation() {
        SideNav nav = new SideNav();
        nav.setLabel("Main");
        nav.addItem(new SideNavItem("Dashboard", "dashboard", VaadinIcon.CHART_LINE.create()));
        nav.addItem(new SideNavItem("Sites", "sites", VaadinIcon.GLOBE.create()));
        nav.addItem(new SideNavItem("Submissions", "submissions", VaadinIcon.INBOX.create()));
        nav.addItem(new SideNavItem("Connectors", "connectors", VaadinIcon.CONNECT.create()));
        nav.addItem(new SideNavItem("Deliveries", "deliveries", VaadinIcon.PAPERPLANE.create()));
        nav.addItem(new SideNavItem("Audit log", "audit", VaadinIcon.CLIPBOARD_TEXT.create()));
        nav.addItem(new SideNavItem("Team", "team", VaadinIcon.USERS.create()));
        nav.addItem(new SideNavItem("Troubleshoot signatures", "troubleshoot", VaadinIcon.STETHOSCOPE.create()));
        if (currentUser.get().support()) {
            nav.addItem(new SideNavItem("Support console", "support", VaadinIcon.LIFEBUOY.create()));
        }
        return nav;
    }

    private HorizontalLayout createHeader() {
        HorizontalLayout header = new HorizontalLayout(createOrganisationSwitcher(), createUserMenu());
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.getStyle().set("padding-right", "1rem");
        return header;
    }

    private HorizontalLayout createOrganisationSwitcher() {
        List<Membership> memberships = team.memberships(currentUser.get().id());
        Select<Membership> switcher = new Select<>();
        switcher.setAriaLabel("Organisation");
        switcher.setWidth("18rem");
        switcher.setItems(memberships);
        switcher.setItemLabelGenerator(
                m -> m.tenant().name() + " (" + m.role().name().toLowerCase() + ")");
        tenants.selected()
                .flatMap(selected -> memberships.stream()
                        .filter(m -> m.tenant().id().equals(selected))
                        .findFirst())
                .ifPresent(switcher::setValue);
        switcher.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                TenantId chosen = event.getValue().tenant().id();
                tenants.select(chosen);
                getUI().ifPresent(ui -> ui.getPage().reload());
            }
        });
        switcher.setVisible(!memberships.isEmpty());
        Button create = new Button("New organisation", VaadinIcon.PLUS.create());
        create.addThemeVariants(ButtonVariant.TERTIARY);
        create.addClickListener(click -> create.getUI().ifPresent(ui -> ui.navigate("organisations/new")));
        HorizontalLayout layout = new HorizontalLayout(switcher, create);
        layout.setAlignItems(FlexComponent.Alignment.CENTER);
        return layout;
    }

    private MenuBar createUserMenu() {
        MenuBar menu = new MenuBar();
        menu.getElement().setAttribute("aria-label", "User menu");
        var user = menu.addItem(currentUser.get().email());
        user.getSubMenu().addItem("Sign out", click -> currentUser.logout());
        return menu;
    }
}
