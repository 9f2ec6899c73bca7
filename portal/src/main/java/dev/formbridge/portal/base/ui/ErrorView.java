package dev.formbridge.portal.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a user sees when a page fails: a plain message, never the exception. A refusal the user can act on (a viewer
 * trying to change something, a storage outage) is explained; the rest is logged with its cause.
 */
@PermitAll
public class ErrorView extends VerticalLayout implements HasErrorParameter<RuntimeException> {
    private static final Logger log = LoggerFactory.getLogger(ErrorView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<RuntimeException> parameter) {
        String message = Ui.messageFor(parameter.getException());
        log.warn(
                "page {} failed: {}",
                event.getLocation().getPath(),
                parameter.getException().getClass().getName());
        removeAll();
        addClassName("fb-page");
        add(new H2("This page could not be shown"), new Paragraph(message), new Anchor("", "Go to the start page"));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
