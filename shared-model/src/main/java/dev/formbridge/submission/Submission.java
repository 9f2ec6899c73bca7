package dev.formbridge.submission;

import dev.formbridge.site.SiteId;
import dev.formbridge.tenant.TenantId;
import java.time.Instant;

/**
 * One form submission as stored: the raw JSON body exactly as received ({@code payload}, which keeps unknown
 * properties), with what Form-Bridge knows about it. {@code webhookId} is the sender's idempotency key.
 */
public record Submission(
        TenantId tenantId,
        SiteId siteId,
        SubmissionId id,
        String webhookId,
        String formId,
        String payload,
        int sizeBytes,
        Instant receivedAt,
        SubmissionStatus status,
        Instant expiresAt) {

    @Override
    public String toString() {
        // the payload is personal data: never in a log line
        return "Submission[" + id + ", tenant=" + tenantId + ", site=" + siteId + ", form=" + formId + ", " + sizeBytes
                + " bytes, " + status + "]";
    }
}
