package dev.formbridge.metrics;

import dev.formbridge.tenant.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sums every tenant's day buckets into one {@link TenantHealth} row each, worst failure rate first. */
final class HealthRows {
    private HealthRows() {}

    private static final class Sums {
        long accepted;
        long rejectedSignatures;
        long delivered;
        long failed;
    }

    static List<TenantHealth> of(List<MetricBucket> buckets, DeadLetterDepth deadLetters) {
        Map<String, Sums> byTenant = new TreeMap<>();
        for (MetricBucket bucket : buckets) {
            Sums sums = byTenant.computeIfAbsent(bucket.tenantId().value(), k -> new Sums());
            if (bucket.isSite()) {
                sums.accepted += bucket.get(MetricNames.ACCEPTED);
                for (String reason : MetricNames.SIGNATURE_REASONS) {
                    sums.rejectedSignatures += bucket.get(MetricNames.rejected(reason));
                }
            } else if (bucket.isConnector()) {
                sums.delivered += bucket.get(MetricNames.DELIVERED);
                sums.failed += bucket.get(MetricNames.FAILED);
            }
        }
        List<TenantHealth> rows = new ArrayList<>();
        byTenant.forEach((tenant, s) -> {
            TenantId id = new TenantId(tenant);
            long ended = s.delivered + s.failed;
            rows.add(new TenantHealth(
                    id,
                    s.accepted,
                    s.rejectedSignatures,
                    s.delivered,
                    s.failed,
                    ended == 0 ? null : (double) s.failed / ended,
                    deadLetters == null ? null : deadLetters.of(id)));
        });
        rows.sort(Comparator.comparing(TenantHealth::failureRate, Comparator.nullsLast(Comparator.reverseOrder())));
        return rows;
    }
}
