package dev.formbridge.metrics;

import dev.formbridge.metrics.MetricCounterRepository.Granularity;
import dev.formbridge.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates counter increments in memory and writes them with atomic ADDs at most every {@code flushEvery}: one
 * update per tenant, dimension and bucket (minute and hour) however many events it stands for. Every write is money
 * at scale; a submission costs a fraction of a write here. Counts that fail to write are kept for the next flush.
 */
public final class MetricCounters {
    private static final Logger log = LoggerFactory.getLogger(MetricCounters.class);

    /** The dimension of a site's counters. */
    public static String site(String siteId) {
        return "SITE#" + siteId;
    }

    /** The dimension of a connector's counters. */
    public static String connector(String connectorId) {
        return "CON#" + connectorId;
    }

    private final MetricCounterRepository repository;
    private final Clock clock;
    private final long flushEveryMillis;
    private final ConcurrentHashMap<Key, AtomicLong> pending = new ConcurrentHashMap<>();
    private volatile long lastFlush;

    public MetricCounters(MetricCounterRepository repository, Clock clock, Duration flushEvery) {
        this.repository = repository;
        this.clock = clock;
        this.flushEveryMillis = flushEvery.toMillis();
        this.lastFlush = clock.millis();
    }

    private record Key(TenantId tenantId, String dimension, Instant minute, String counter) {}

    public void add(TenantId tenantId, String dimension, String counter, long increment) {
        Instant minute = Granularity.MINUTE.start(clock.instant());
        pending.computeIfAbsent(new Key(tenantId, dimension, minute, counter), k -> new AtomicLong())
                .addAndGet(increment);
    }

    public void increment(TenantId tenantId, String dimension, String counter) {
        add(tenantId, dimension, counter, 1);
    }

    /** Writes pending counts if the last flush is older than the flush interval. */
    public void flushIfDue() {
        if (clock.millis() - lastFlush >= flushEveryMillis) {
            flush();
        }
    }

    /** Writes all pending counts now: per tenant, dimension and minute one ADD to the minute and one to the hour. */
    public synchronized void flush() {
        lastFlush = clock.millis();
        Map<Key, Map<String, Long>> byItem = new HashMap<>();
        pending.forEach((key, value) -> {
            long n = value.getAndSet(0);
            if (n > 0) {
                byItem.computeIfAbsent(new Key(key.tenantId(), key.dimension(), key.minute(), ""), k -> new HashMap<>())
                        .put(key.counter(), n);
            }
        });
        byItem.forEach((item, counts) -> {
            for (Granularity granularity : Granularity.values()) {
                try {
                    repository.add(item.tenantId(), item.dimension(), granularity, item.minute(), counts);
                } catch (RuntimeException e) {
                    if (granularity == Granularity.MINUTE) {
                        keep(item, counts);
                        log.warn(
                                "could not flush metric counters ({}); kept for the next flush",
                                e.getClass().getSimpleName());
                        break; // the hour is written with the minute next time, so neither is counted twice
                    }
                    log.warn(
                            "could not flush hourly metric counters ({}); lost for this flush",
                            e.getClass().getSimpleName());
                }
            }
        });
        // a bucket of a past minute gets no more counts; only those are dropped, so no increment races the removal
        Instant past = Granularity.MINUTE.start(clock.instant()).minus(Duration.ofMinutes(2));
        pending.entrySet()
                .removeIf(e -> e.getValue().get() == 0 && e.getKey().minute().isBefore(past));
    }

    private void keep(Key item, Map<String, Long> counts) {
        counts.forEach((counter, n) -> pending.computeIfAbsent(
                        new Key(item.tenantId(), item.dimension(), item.minute(), counter), k -> new AtomicLong())
                .addAndGet(n));
    }
}
