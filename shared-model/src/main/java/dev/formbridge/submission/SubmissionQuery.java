package dev.formbridge.submission;

import dev.formbridge.site.SiteId;
import java.time.Instant;

/**
 * Which of a tenant's submissions a portal list or export shows. Every part is optional ({@code null} = any): the site,
 * the form id, the status, and the time received, {@code from} inclusive and {@code to} exclusive, to the millisecond.
 */
public record SubmissionQuery(SiteId siteId, String formId, SubmissionStatus status, Instant from, Instant to) {

    public SubmissionQuery {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
    }

    /** Every submission of the tenant. */
    public static SubmissionQuery all() {
        return new SubmissionQuery(null, null, null, null, null);
    }

    public SubmissionQuery withSite(SiteId site) {
        return new SubmissionQuery(site, formId, status, from, to);
    }

    public SubmissionQuery withForm(String form) {
        return new SubmissionQuery(siteId, form, status, from, to);
    }

    public SubmissionQuery withStatus(SubmissionStatus wanted) {
        return new SubmissionQuery(siteId, formId, wanted, from, to);
    }

    /** Received in {@code [from, to)}; either end may be {@code null} (open). */
    public SubmissionQuery receivedBetween(Instant fromInclusive, Instant toExclusive) {
        return new SubmissionQuery(siteId, formId, status, fromInclusive, toExclusive);
    }
}
