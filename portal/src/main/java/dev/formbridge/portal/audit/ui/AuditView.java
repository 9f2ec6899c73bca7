package dev.formbridge.portal.audit.ui;

import com.vaadin.flow.component.button.Button;
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
import dev.formbridge.audit.Page;
import dev.formbridge.portal.audit.AuditAdminService;
import dev.formbridge.portal.base.ui.Ui;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;

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
    private final Deque<String> previousCursors = new ArrayDeque<>();
    private final Button previous = new Button("Previous page", click -> showPrevious());
    private final Button next = new Button("Next page", click -> showNext());
    private AuditQuery query = AuditQuery.all();
    private String cursor;
    private String nextCursor;

    AuditView(AuditAdminService audit) {
        this.audit = audit;
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
                new HorizontalLayout(previous, next)));
        show(null);
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
        previousCursors.clear();
        show(null);
    }

    private void verify() {
        ChainVerification result = audit.verifyChain();
        verification.setText(
                result.ok()
                        ? "✔ Chain intact: " + result.eventsChecked() + " events verified."
                        : "✘ Chain broken at event #" + result.firstBrokenSeq() + ": " + result.reason());
        verification.setClassName("fb-error", !result.ok());
    }

    private void showNext() {
        previousCursors.push(cursor == null ? "" : cursor);
        show(nextCursor);
    }

    private void showPrevious() {
        if (!previousCursors.isEmpty()) {
            String back = previousCursors.pop();
            show(back.isEmpty() ? null : back);
        }
    }

    private void show(String pageCursor) {
        Page<AuditEvent> page = audit.page(query, pageCursor);
        cursor = pageCursor;
        nextCursor = page.nextCursor();
        grid.setItems(page.items());
        next.setEnabled(page.hasMore());
        previous.setEnabled(!previousCursors.isEmpty());
    }
}
