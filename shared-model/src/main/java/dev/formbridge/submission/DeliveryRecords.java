package dev.formbridge.submission;

import dev.formbridge.tenant.TenantId;

/**
 * What the delivery feature keeps about a submission (its deliveries and dead letters), as erasure needs it. Declared
 * here and implemented by {@code delivery.DeliveryRepository} because delivery depends on submission, never the
 * reverse.
 */
public interface DeliveryRecords {

    /**
     * Removes the deliveries of a submission and their dead letters, each dead letter before its delivery (the delivery
     * is how it is found), so a call that fails half-way leaves what is left findable by the next one. Safe to repeat.
     */
    Removed eraseOf(TenantId tenantId, SubmissionId submissionId);

    /** How many items a call removed (0 when an earlier call already did). */
    record Removed(int deliveries, int deadLetters) {}
}
