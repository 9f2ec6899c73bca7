package dev.formbridge.metrics;

import dev.formbridge.metrics.MetricCounterRepository.Granularity;
import dev.formbridge.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates counter increments in memory and writes them with atomic ADDs at most every {@code flushEvery}: per
 * tenant and dimension one update to the hour bucket (its pending minutes together, ADR 0019) and one to the day
 * bucket, however many events they stand for. Every write is money at scale; a submission costs a fraction of a write
 * here when its dimension is busy, two when it is quiet. A bucket that fails to write keeps its counts for the next
 * flush, for that bucket alone, so no other bucket counts them twice.
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

    /** Pending counts of one counter; {@code only} names the one granularity still to write, null for all of them. */
    private record Key(TenantId tenantId, String dimension, Instant minute, Granularity only, String counter) {
        Key item() {
            return new Key(tenantId, dimension, minute, only, "");
        }

        List<Granularity> granularities() {
            return only == null ? MetricCounterRepository.WRITTEN : List.of(only);
        }
    }

    /** One stored bucket a flush writes: a tenant's dimension in one hour (its minutes) or one day. */
    private record Bucket(TenantId tenantId, String dimension, Granularity granularity, Instant start) {}

    public void add(TenantId tenantId, String dimension, String counter, long increment) {
        Instant minute = Granularity.MINUTE.start(clock.instant());
        pending.computeIfAbsent(new Key(tenantId, dimension, minute, null, counter), k -> new AtomicLong())
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

    /** Writes all pending counts now: per tenant and dimension one ADD to the hour's bucket and one to the day's. */
    public synchronized void flush() {
        lastFlush = clock.millis();
        Map<Bucket, Map<Key, Map<String, Long>>> byBucket = new HashMap<>();
        pending.forEach((key, value) -> {
            long n = value.getAndSet(0);
            if (n > 0) {
                for (Granularity granularity : key.granularities()) {
                    Instant start = granularity.item().start(key.minute()); // a minute's bucket is its hour's
                    byBucket.computeIfAbsent(
                                    new Bucket(key.tenantId(), key.dimension(), granularity, start),
                                    b -> new HashMap<>())
                            .computeIfAbsent(key.item(), k -> new HashMap<>())
                            .put(key.counter(), n);
                }
            }
        });
        int failed = 0;
        RuntimeException last = null;
        for (Map.Entry<Bucket, Map<Key, Map<String, Long>>> bucket : byBucket.entrySet()) {
            try {
                write(bucket.getKey(), bucket.getValue());
            } catch (RuntimeException e) {
                bucket.getValue()
                        .forEach(
                                (minute, counts) -> keep(minute, bucket.getKey().granularity(), counts));
                failed++;
                last = e;
            }
        }
        if (last != null) {
            log.warn(
                    "could not write {} metric buckets ({}); kept for the next flush",
                    failed,
                    last.getClass().getSimpleName());
        }
        // a bucket of a past minute gets no more counts; only those are dropped, so no increment races the removal
        Instant past = Granularity.MINUTE.start(clock.instant()).minus(Duration.ofMinutes(2));
        pending.entrySet()
                .removeIf(e -> e.getValue().get() == 0 && e.getKey().minute().isBefore(past));
    }

    /** One update: the hour's pending minutes, or the sum of the day's. */
    private void write(Bucket bucket, Map<Key, Map<String, Long>> byMinute) {
        if (bucket.granularity() == Granularity.MINUTE) {
            Map<Instant, Map<String, Long>> minutes = new HashMap<>();
            // a minute may be pending twice: for every bucket, and for this one alone after a failed write
            byMinute.forEach((key, counts) -> counts.forEach((counter, n) ->
                    minutes.computeIfAbsent(key.minute(), m -> new HashMap<>()).merge(counter, n, Long::sum)));
            repository.addMinutes(bucket.tenantId(), bucket.dimension(), minutes);
        } else {
            Map<String, Long> sum = new HashMap<>();
            byMinute.values().forEach(counts -> counts.forEach((counter, n) -> sum.merge(counter, n, Long::sum)));
            repository.add(bucket.tenantId(), bucket.dimension(), bucket.granularity(), bucket.start(), sum);
        }
    }

    private void keep(Key item, Granularity granularity, Map<String, Long> counts) {
        counts.forEach((counter, n) -> pending.computeIfAbsent(
                        new Key(item.tenantId(), item.dimension(), item.minute(), granularity, counter),
                        k -> new AtomicLong())
                .addAndGet(n));
    }
}
