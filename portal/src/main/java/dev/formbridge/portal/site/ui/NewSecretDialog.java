package dev.formbridge.portal.site.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.portal.site.Snippets;
import dev.formbridge.site.SiteService;

/**
 * Shows a new signing secret once, with the site key, copy buttons and ready snippets. Closing it drops the secret:
 * the portal cannot show it again (only rotate it).
 */
final class NewSecretDialog extends Dialog {

    NewSecretDialog(SiteService.NewSecret created, String ingestUrl, String heading) {
        setHeaderTitle(heading);
        setWidth("min(56rem, 95vw)");
        String siteKey = created.site().key().value();
        String secret = created.secret().reveal();
        VerticalLayout content = new VerticalLayout(
                new Paragraph("Copy the signing secret now: it is shown only once. Store it where your site keeps "
                        + "secrets (for WordPress: wp-config.php)."),
                field("Site key (X-FormBridge-Site)", siteKey, "site-key"),
                Ui.copyButton("Copy site key", siteKey),
                field("Signing secret", secret, "signing-secret"),
                Ui.copyButton("Copy secret", secret),
                field("Ingest URL", ingestUrl, "ingest-url"));
        Snippets.forSite(ingestUrl, siteKey, secret).forEach((language, code) -> {
            Pre pre = new Pre(code);
            pre.addClassName("fb-code");
            Details details = new Details(language, new VerticalLayout(pre, Ui.copyButton("Copy " + language, code)));
            content.add(details);
        });
        content.setPadding(false);
        add(content);
        Button done = Ui.primary("I have stored the secret", this::close);
        getFooter().add(new HorizontalLayout(done));
        setCloseOnOutsideClick(false);
    }

    private static TextField field(String label, String value, String id) {
        TextField field = new TextField(label);
        field.setValue(value);
        field.setReadOnly(true);
        field.setWidthFull();
        field.setId(id);
        field.addClassName("fb-secret");
        return field;
    }
}
