package dev.formbridge.ingest;

import dev.formbridge.metrics.MetricCounterRepository;
import dev.formbridge.security.SecurityEventRepository;
import dev.formbridge.security.SecurityEventRepository.SecurityEvent;
import dev.formbridge.site.SiteId;
import dev.formbridge.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what ingest did per tenant, site and minute (accepted, rejected by reason) in memory and flushes the counts
 * with atomic ADDs at most every {@code flushEvery}; and turns security-relevant rejections into sampled security
 * events: at most one per site and reason per minute, carrying the count it stands for. A flood of bad requests costs
 * a handful of writes a minute, not one per request. Failures to write are logged and retried at the next flush.
 */
final class IngestCounters {
    private static final Logger log = LoggerFactory.getLogger(IngestCounters.class);
    static final String ACCEPTED = "accepted";

    private final MetricCounterRepository counters;
    private final SecurityEventRepository securityEvents;
    private final Clock clock;
    private final long flushEveryMillis;
    private final ConcurrentHashMap<Bucket, AtomicLong> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Sample, AtomicLong> sampled = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Sample, Instant> lastEvent = new ConcurrentHashMap<>();
    private volatile long lastFlush;

    IngestCounters(
            MetricCounterRepository counters,
            SecurityEventRepository securityEvents,
            Clock clock,
            Duration flushEvery) {
        this.counters = counters;
        this.securityEvents = securityEvents;
        this.clock = clock;
        this.flushEveryMillis = flushEvery.toMillis();
        this.lastFlush = clock.millis();
    }

    private record Bucket(TenantId tenantId, SiteId siteId, Instant minute, String counter) {}

    private record Sample(TenantId tenantId, SiteId siteId, String reason) {}

    void accepted(TenantId tenantId, SiteId siteId) {
        count(tenantId, siteId, ACCEPTED);
    }

    void rejected(TenantId tenantId, SiteId siteId, Rejection rejection) {
        count(tenantId, siteId, "rejected_" + rejection.reason());
        if (rejection.isSecurityEvent()) {
            sample(new Sample(tenantId, siteId, rejection.reason()));
        }
    }

    private void count(TenantId tenantId, SiteId siteId, String counter) {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        pending.computeIfAbsent(new Bucket(tenantId, siteId, minute, counter), b -> new AtomicLong())
                .incrementAndGet();
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

    /** Writes the pending counts if the last flush is older than the flush interval. */
    void flushIfDue() {
        if (clock.millis() - lastFlush >= flushEveryMillis) {
            flush();
        }
    }

    /** Writes all pending counts now (one ADD per tenant, site and minute). */
    synchronized void flush() {
        lastFlush = clock.millis();
        Map<Bucket, Long> taken = new HashMap<>();
        pending.forEach((bucket, value) -> {
            long n = value.getAndSet(0);
            if (n > 0) {
                taken.put(bucket, n);
            }
        });
        Map<Bucket, Map<String, Long>> byItem = new HashMap<>();
        taken.forEach((b, n) -> byItem.computeIfAbsent(
                        new Bucket(b.tenantId(), b.siteId(), b.minute(), ""), k -> new HashMap<>())
                .put(b.counter(), n));
        byItem.forEach((item, values) -> {
            try {
                counters.add(item.tenantId(), item.siteId(), item.minute(), values);
            } catch (RuntimeException e) {
                values.forEach((counter, n) -> pending.computeIfAbsent(
                                new Bucket(item.tenantId(), item.siteId(), item.minute(), counter),
                                b -> new AtomicLong())
                        .addAndGet(n));
                log.warn(
                        "could not flush metric counters ({}); kept for the next flush",
                        e.getClass().getSimpleName());
            }
        });
        // a bucket of a past minute gets no more counts; only those are dropped, so no increment races the removal
        Instant past = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(2));
        pending.entrySet()
                .removeIf(e -> e.getValue().get() == 0 && e.getKey().minute().isBefore(past));
    }
}
