package dev.formbridge.metrics;

import dev.formbridge.tenant.TenantId;

/**
 * One tenant's health on one day, for support staff: submissions accepted, rejections whose signature did not verify
 * ({@link MetricNames#SIGNATURE_REASONS}), deliveries delivered and failed, and the failure rate
 * {@code failed / (delivered + failed)} (null when no delivery ended). {@code deadLetters} is the tenant's dead-letter
 * depth now, whatever the day, or null when the service was built without a {@link DeadLetterDepth}.
 */
public record TenantHealth(
        TenantId tenantId,
        long accepted,
        long rejectedSignatures,
        long delivered,
        long failed,
        Double failureRate,
        Integer deadLetters) {}
