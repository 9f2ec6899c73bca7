package dev.formbridge.portal.team.ui;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.portal.security.TenantContext;
import jakarta.annotation.security.PermitAll;

/** The start page: a user with an organisation goes to its sites; a new user is asked to create one. */
@Route("")
@PageTitle("Form-Bridge")
@PermitAll
class StartView extends VerticalLayout implements BeforeEnterObserver {
    private final TenantContext tenants;

    StartView(TenantContext tenants) {
        this.tenants = tenants;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (tenants.selected().isPresent()) {
            event.forwardTo("sites");
            return;
        }
        removeAll();
        add(Ui.page(
                "Welcome to Form-Bridge",
                Ui.emptyState(
                        "You do not belong to an organisation yet. Create one to register your first site, or open "
                                + "the invitation link a teammate sent you.",
                        Ui.primary(
                                "Create organisation",
                                () -> getUI().ifPresent(ui -> ui.navigate(CreateOrganisationView.class))))));
    }
}
