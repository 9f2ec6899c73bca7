package dev.formbridge.submission;

import dev.formbridge.site.SiteId;
import java.time.Instant;

/**
 * One row of the portal's submission list: what is known about a submission without its payload (personal data, and
 * up to the body limit in size). The detail view reads the whole {@link Submission}.
 */
public record SubmissionSummary(
        SubmissionId id, SiteId siteId, String formId, SubmissionStatus status, Instant receivedAt, int sizeBytes) {}
