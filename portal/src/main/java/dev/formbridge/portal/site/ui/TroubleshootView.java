package dev.formbridge.portal.site.ui;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.formbridge.ingest.SignatureTroubleshooter;
import dev.formbridge.ingest.SignatureTroubleshooter.Diagnosis;
import dev.formbridge.portal.base.ui.Ui;
import dev.formbridge.portal.site.SiteAdminService;
import jakarta.annotation.security.PermitAll;

/**
 * The signature troubleshooter: paste what a site sent, see which check fails and how to fix it. It checks against
 * this organisation's sites only and never shows a secret or the expected signature.
 */
@Route("troubleshoot")
@PageTitle("Troubleshoot signatures · Form-Bridge")
@PermitAll
class TroubleshootView extends VerticalLayout {

    TroubleshootView(SiteAdminService sites) {
        TextField siteKey = field("X-FormBridge-Site");
        TextField webhookId = field("webhook-id");
        TextField timestamp = field("webhook-timestamp");
        TextField signature = field("webhook-signature");
        TextArea body = new TextArea("Body (exactly as sent)");
        body.setWidthFull();
        body.setMinHeight("8rem");
        body.setMaxLength(262_144);
        Paragraph result = new Paragraph();
        result.setId("diagnosis");
        result.getElement().setAttribute("role", "status");
        add(Ui.page(
                "Troubleshoot signatures",
                new Paragraph("Paste the headers and the body your site sent. Form-Bridge runs ingest's checks and "
                        + "tells you the first one that fails."),
                siteKey,
                webhookId,
                timestamp,
                signature,
                body,
                Ui.primary("Check", () -> {
                    Diagnosis diagnosis = sites.troubleshoot(new SignatureTroubleshooter.Request(
                            siteKey.getValue(),
                            webhookId.getValue(),
                            timestamp.getValue(),
                            signature.getValue(),
                            body.getValue()));
                    result.setText((diagnosis.passes() ? "✔ " : "✘ ") + diagnosis.message());
                    result.setClassName("fb-error", !diagnosis.passes());
                }),
                result));
    }

    private static TextField field(String label) {
        TextField field = new TextField(label);
        field.setWidthFull();
        field.setMaxLength(4096);
        return field;
    }
}
