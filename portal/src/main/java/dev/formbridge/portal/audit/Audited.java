package dev.formbridge.portal.audit;

/**
 * The result of a change that is done, and whether its audit event was written. When it was not, the event is in the
 * portal's log at ERROR and the user is told; the result (a one-time secret, say) is still shown, since the change
 * cannot be taken back and repeating it would make things worse.
 */
public record Audited<T>(T result, boolean auditWritten) {}
