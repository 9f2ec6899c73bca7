/**
 * The per-tenant audit log: who did what to which target, when, from where, and before/after for changes. Append-only
 * and hash-chained (each event's SHA-256 covers its fields and the previous event's hash), so a changed, deleted or
 * reordered event is found by {@link dev.formbridge.audit.AuditRepository#verifyChain}. Listed per tenant by time and,
 * for support staff, across tenants by day.
 */
package dev.formbridge.audit;
