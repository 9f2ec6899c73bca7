package dev.formbridge.metrics;

import dev.formbridge.tenant.TenantId;

/**
 * How many dead letters a tenant has now. The delivery feature owns dead letters and depends on metrics (it writes
 * counters), so the portal passes this in, e.g. {@code tenant -> deliveries.deadLetters(tenant).size()}.
 */
@FunctionalInterface
public interface DeadLetterDepth {
    int of(TenantId tenantId);
}
