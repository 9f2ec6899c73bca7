package dev.formbridge.portal.audit.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditQuery;
import dev.formbridge.audit.ChainVerification;
import dev.formbridge.portal.audit.AuditAdminService;
import dev.formbridge.portal.base.ui.Pager;
import dev.formbridge.portal.base.ui.Ui;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;

/** The organisation's audit log with filters, paging and "verify chain". */
@Route("audit")
@PageTitle("Audit log · Form-Bridge")
@PermitAll
class AuditView extends VerticalLayout {
    private final AuditAdminService audit;
    private final AuditEventGrid grid = new AuditEventGrid(false);
    private final TextField actor = new TextField("Actor");
    private final TextField action = new TextField("Action starts with");
    private final TextField target = new TextField("Target");
    private final DatePicker from = new DatePicker("From (UTC)");
    private final DatePicker to = new DatePicker("To (UTC, inclusive)");
    private final Paragraph verification = new Paragraph();
    private final Pager<AuditEvent> pager;
    private AuditQuery query = AuditQuery.all();

    AuditView(AuditAdminService audit) {
        this.audit = audit;
        this.pager = new Pager<>(cursor -> audit.page(query, cursor), page -> grid.setItems(page.items()));
        verification.setId("chain-verification");
        verification.getElement().setAttribute("role", "status");
        HorizontalLayout filters =
                new HorizontalLayout(actor, action, target, from, to, Ui.primary("Apply", this::apply));
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        add(Ui.page(
                "Audit log",
                filters,
                new HorizontalLayout(Ui.button("Verify chain", this::verify), verification),
                grid,
                pager));
        pager.first();
    }

    private void apply() {
        AuditQuery q = AuditQuery.all();
        if (!actor.getValue().isBlank()) q = q.withActor(actor.getValue().strip());
        if (!action.getValue().isBlank())
            q = q.withActionPrefix(action.getValue().strip());
        if (!target.getValue().isBlank()) q = q.withTarget(target.getValue().strip());
        if (from.getValue() != null || to.getValue() != null) {
            q = q.between(
                    from.getValue() == null
                            ? null
                            : from.getValue().atStartOfDay().toInstant(ZoneOffset.UTC),
                    to.getValue() == null
                            ? null
                            : to.getValue().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        query = q;
        pager.first();
    }

    private void verify() {
        ChainVerification result = audit.verifyChain();
        verification.setText(
                result.ok()
                        ? "✔ Chain intact: " + result.eventsChecked() + " events verified."
                        : "✘ Chain broken at event #" + result.firstBrokenSeq() + ": " + result.reason());
        verification.setClassName("fb-error", !result.ok());
    }
}
