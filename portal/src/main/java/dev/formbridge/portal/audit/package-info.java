/**
 * The audit log as tenants see it: every portal change and every sampled ingest security event, hash-chained per
 * organisation, with filters, paging and a chain verification. {@link dev.formbridge.portal.audit.AuditTrail} is
 * how the other features record their changes.
 */
package dev.formbridge.portal.audit;
