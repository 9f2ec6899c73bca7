package dev.formbridge.ingest;

import dev.formbridge.metrics.MetricCounterRepository;
import dev.formbridge.metrics.MetricCounters;
import dev.formbridge.metrics.MetricNames;
import dev.formbridge.security.SecurityEventRepository;
import dev.formbridge.security.SecurityEventRepository.SecurityEvent;
import dev.formbridge.site.SiteId;
import dev.formbridge.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what ingest did per tenant and site (accepted, rejected by reason) through {@link MetricCounters}; and turns security-relevant rejections into sampled security
 * events: at most one per site and reason per minute, carrying the count it stands for. A flood of bad requests costs
 * a handful of writes a minute, not one per request. Failures to write are logged and retried at the next flush.
 */
final class IngestCounters {
    private static final Logger log = LoggerFactory.getLogger(IngestCounters.class);

    private final MetricCounters counters;
    private final SecurityEventRepository securityEvents;
    private final Clock clock;
    private final ConcurrentHashMap<Sample, AtomicLong> sampled = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Sample, Instant> lastEvent = new ConcurrentHashMap<>();

    IngestCounters(
            MetricCounterRepository counters,
            SecurityEventRepository securityEvents,
            Clock clock,
            Duration flushEvery) {
        this.counters = new MetricCounters(counters, clock, flushEvery);
        this.securityEvents = securityEvents;
        this.clock = clock;
    }

    private record Sample(TenantId tenantId, SiteId siteId, String reason) {}

    void accepted(TenantId tenantId, SiteId siteId) {
        count(tenantId, siteId, MetricNames.ACCEPTED);
    }

    void rejected(TenantId tenantId, SiteId siteId, Rejection rejection) {
        count(tenantId, siteId, MetricNames.rejected(rejection.reason()));
        if (rejection.isSecurityEvent()) {
            sample(new Sample(tenantId, siteId, rejection.reason()));
        }
    }

    private void count(TenantId tenantId, SiteId siteId, String counter) {
        counters.increment(tenantId, MetricCounters.site(siteId.value()), counter);
    }

    private void sample(Sample sample) {
        sampled.computeIfAbsent(sample, s -> new AtomicLong()).incrementAndGet();
        Instant now = clock.instant();
        Instant previous = lastEvent.get(sample);
        if (previous != null && Duration.between(previous, now).toSeconds() < 60) {
            return;
        }
        if (previous == null ? lastEvent.putIfAbsent(sample, now) != null : !lastEvent.replace(sample, previous, now)) {
            return; // another thread writes this minute's event
        }
        long represented = sampled.get(sample).getAndSet(0);
        try {
            securityEvents.append(
                    new SecurityEvent(sample.tenantId(), sample.siteId(), sample.reason(), now, represented));
        } catch (RuntimeException e) {
            sampled.get(sample).addAndGet(represented);
            lastEvent.remove(sample, now);
            log.warn(
                    "could not write a security event ({}); it is retried with the next rejection",
                    e.getClass().getSimpleName());
        }
    }

    void flushIfDue() {
        counters.flushIfDue();
    }

    void flush() {
        counters.flush();
    }
}
