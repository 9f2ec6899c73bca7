package dev.formbridge.audit;

import java.time.Instant;

/**
 * Which audit events a listing shows: a time range {@code [from, to)} at millisecond precision, and optional filters on
 * the actor (contains the text), the action (starts with the prefix, e.g. {@code site.}) and the target (equals). Null
 * or blank means "any". Start with {@link #all()}.
 */
public record AuditQuery(Instant from, Instant to, String actor, String actionPrefix, String target) {
    public AuditQuery {
        actor = blankToNull(actor);
        actionPrefix = blankToNull(actionPrefix);
        target = blankToNull(target);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
    }

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null);
    }

    /** Events at or after {@code from} and before {@code to}; either may be null for an open end. */
    public AuditQuery between(Instant from, Instant to) {
        return new AuditQuery(from, to, actor, actionPrefix, target);
    }

    public AuditQuery withActor(String text) {
        return new AuditQuery(from, to, text, actionPrefix, target);
    }

    public AuditQuery withActionPrefix(String prefix) {
        return new AuditQuery(from, to, actor, prefix, target);
    }

    public AuditQuery withTarget(String target) {
        return new AuditQuery(from, to, actor, actionPrefix, target);
    }

    boolean filters() {
        return actor != null || actionPrefix != null || target != null;
    }

    /** Whether {@code event} passes the filters (the time range is the listing's key condition). */
    boolean matches(AuditEvent event) {
        return (actor == null || (event.actor() != null && event.actor().contains(actor)))
                && (actionPrefix == null
                        || (event.action() != null && event.action().startsWith(actionPrefix)))
                && (target == null || target.equals(event.target()));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
