package dev.formbridge.delivery;

import dev.formbridge.connector.ConnectorId;
import dev.formbridge.site.SiteId;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.tenant.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * One submission on its way to one connector, with every attempt. Created once by the router (keyed by submission and
 * connector, so a redelivered event creates no second one); {@code id} is stable across retries and replays.
 * {@code retryBase} is the attempt count at the last replay: the retry policy counts failures from there.
 */
public record Delivery(
        TenantId tenantId,
        DeliveryId id,
        SubmissionId submissionId,
        SiteId siteId,
        String webhookId,
        ConnectorId connectorId,
        DeliveryStatus status,
        List<Attempt> attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        int retryBase,
        Instant expiresAt) {

    public Delivery {
        attempts = List.copyOf(attempts);
    }

    public static Delivery create(
            TenantId tenantId,
            SubmissionId submissionId,
            SiteId siteId,
            String webhookId,
            ConnectorId connectorId,
            Instant now,
            Instant expiresAt) {
        return new Delivery(
                tenantId,
                DeliveryId.next(),
                submissionId,
                siteId,
                webhookId,
                connectorId,
                DeliveryStatus.PENDING,
                List.of(),
                now,
                now,
                0,
                expiresAt);
    }

    public int attemptCount() {
        return attempts.size();
    }

    /** Failed attempts that count against the retry policy: those since the last replay (which starts afresh). */
    public int failuresSinceReplay(int attemptNumber) {
        return attemptNumber - retryBase;
    }

    /** The job that runs the next attempt of this delivery. */
    public DeliveryJob job(Instant notBefore) {
        return new DeliveryJob(tenantId.value(), id.value(), submissionId.value(), connectorId.value(), notBefore);
    }
}
