package dev.formbridge.portal.audit.ui;

import com.vaadin.flow.component.grid.Grid;
import dev.formbridge.audit.AuditEvent;
import dev.formbridge.portal.base.ui.Ui;

/** Audit events as a grid: time, organisation (optional), actor, action, target, change, origin. */
public final class AuditEventGrid extends Grid<AuditEvent> {

    public AuditEventGrid(boolean showTenant) {
        setAriaLabel("Audit events");
        addColumn(e -> Ui.time(e.at())).setHeader("Time").setAutoWidth(true);
        if (showTenant) {
            addColumn(e -> e.tenantId().value()).setHeader("Organisation").setAutoWidth(true);
        }
        addColumn(AuditEvent::seq).setHeader("#").setAutoWidth(true);
        addColumn(AuditEvent::actor).setHeader("Actor").setAutoWidth(true);
        addColumn(AuditEvent::action).setHeader("Action").setAutoWidth(true);
        addColumn(AuditEvent::target).setHeader("Target").setAutoWidth(true);
        addColumn(e -> change(e)).setHeader("Before → after").setFlexGrow(1);
        addColumn(e -> e.ip() == null ? "" : e.ip()).setHeader("IP").setAutoWidth(true);
        addColumn(e -> e.userAgent() == null ? "" : abbreviate(e.userAgent())).setHeader("Browser");
        setAllRowsVisible(true);
    }

    private static String change(AuditEvent e) {
        if (e.before() == null && e.after() == null) {
            return "";
        }
        return (e.before() == null ? "–" : e.before()) + " → " + (e.after() == null ? "–" : e.after());
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
