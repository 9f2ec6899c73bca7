package dev.formbridge.portal.connector.ui;

import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.secret.SigningSecret;

/** A connector's webhook signing secret, shown once: receivers verify deliveries with it. */
final class SecretShownOnce extends Dialog {

    SecretShownOnce(String connectorName, SigningSecret secret) {
        setHeaderTitle("Signing secret of " + connectorName);
        TextField field = new TextField("Signing secret");
        field.setId("connector-signing-secret");
        field.setValue(secret.reveal());
        field.setReadOnly(true);
        field.setWidthFull();
        add(new VerticalLayout(
                new Paragraph("Your receiver verifies each delivery's webhook-signature with this secret (Standard "
                        + "Webhooks). It is shown only now."),
                field,
                Ui.copyButton("Copy secret", secret.reveal())));
        setWidth("min(40rem, 95vw)");
        getFooter().add(Ui.primary("I have stored the secret", this::close));
        setCloseOnOutsideClick(false);
    }
}
