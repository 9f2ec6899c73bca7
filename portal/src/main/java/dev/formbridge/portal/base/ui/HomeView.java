package dev.formbridge.portal.base.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.formbridge.portal.security.CurrentUser;
import jakarta.annotation.security.PermitAll;

/** The start page after sign-in. */
@Route("")
@PageTitle("Home · Form-Bridge")
@PermitAll
class HomeView extends VerticalLayout {

    HomeView(CurrentUser currentUser) {
        add(
                new H1("Form-Bridge"),
                new Paragraph("Signed in as " + currentUser.get().email()));
    }
}
