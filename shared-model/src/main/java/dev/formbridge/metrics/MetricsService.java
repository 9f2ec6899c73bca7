package dev.formbridge.metrics;

import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the portal reads: a tenant's dashboard over a {@link Range} (one query for the range, paged by DynamoDB, never a
 * scan), and the platform's health on one day for support staff (one query of a platform-wide index). Numbers are
 * exactly what writers counted, up to one flush interval (10 s locally, 30 s in Lambda) behind. Callers authorize: a
 * member of the tenant for its dashboard, support staff (audited) for the platform's health.
 */
public final class MetricsService {
    private final MetricCounterRepository repository;
    private final Clock clock;
    private final DeadLetterDepth deadLetters;

    /** Health rows without dead-letter depth (the portal adds it, or passes a {@link DeadLetterDepth}). */
    public MetricsService(Storage storage, Clock clock) {
        this(new MetricCounterRepository(storage), clock, null);
    }

    /** Health rows with each tenant's dead-letter depth: one call of {@code deadLetters} per tenant listed. */
    public MetricsService(Storage storage, Clock clock, DeadLetterDepth deadLetters) {
        this(new MetricCounterRepository(storage), clock, deadLetters);
    }

    MetricsService(MetricCounterRepository repository, Clock clock, DeadLetterDepth deadLetters) {
        this.repository = repository;
        this.clock = clock;
        this.deadLetters = deadLetters;
    }

    /**
     * The tenant's totals, per-site and per-connector rows and zero-filled series over {@code range}, ending with the
     * bucket that holds now.
     */
    public Dashboard dashboard(TenantId tenantId, Range range) {
        List<Instant> starts = range.starts(clock.instant());
        List<MetricBucket> buckets =
                repository.range(tenantId, range.granularity(), starts.getFirst(), starts.getLast());
        return DashboardAssembly.of(range, starts, buckets);
    }

    /**
     * Every tenant that counted anything on {@code day} (UTC), worst failure rate first (tenants without ended
     * deliveries last). Read from an index, so it can lag the tenants' own buckets by a moment.
     */
    public List<TenantHealth> health(LocalDate day) {
        return HealthRows.of(repository.platformDay(day), deadLetters);
    }
}
