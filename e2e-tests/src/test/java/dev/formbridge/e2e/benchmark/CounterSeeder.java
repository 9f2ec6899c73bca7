package dev.formbridge.e2e.benchmark;

import dev.formbridge.metrics.LatencyHistogram;
import dev.formbridge.metrics.MetricCounterRepository;
import dev.formbridge.metrics.MetricCounterRepository.Granularity;
import dev.formbridge.metrics.MetricCounters;
import dev.formbridge.metrics.MetricNames;
import dev.formbridge.metrics.Range;
import dev.formbridge.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes the metric counters that ingest and delivery would have left for a site's submissions, straight into the
 * table: per submission {@code accepted} on the site, {@code delivered} and a latency bucket on each connector it
 * matches (the first connector takes every form, the second only {@code contact}, a third of them), every 1,000th
 * delivery {@code retried} once, and after every 200th submission one {@code rejected_bad_signature}. Submission
 * {@code i} of {@code total} is received {@code (i + ½) / total} of the way from {@code first} to {@code newest}, so
 * any subset is spread evenly too. The counts are summed per bucket (minute, kept in its hour's item, and day: what
 * {@link MetricCounters} writes, {@link MetricCounterRepository#WRITTEN}) and each bucket is written with one
 * {@link MetricCounterRepository#add}: the ADD that {@code MetricCounters.flush} makes, once with the bucket's sum
 * instead of once per flush, which leaves the same item.
 */
final class CounterSeeder {
    private static final int CONTACT_EVERY = 3;
    private static final int RETRIED_EVERY = 1_000;
    private static final int REJECTED_EVERY = 200;

    private final MetricCounterRepository repository;
    private final TenantId tenant;
    private final String site;
    private final String allForms;
    private final String contactOnly;
    private final Instant first;
    private final Instant newest;
    private final int total;

    /** The bucket a count goes to. */
    private record Bucket(String dimension, Granularity granularity, Instant start) {}

    /** What {@link #write} did: the updates made and the minute buckets among them. */
    record Written(int updates, int minuteBuckets) {}

    CounterSeeder(
            MetricCounterRepository repository,
            TenantId tenant,
            String siteId,
            String allFormsConnectorId,
            String contactConnectorId,
            Instant first,
            Instant newest,
            int total) {
        this.repository = repository;
        this.tenant = tenant;
        this.site = MetricCounters.site(siteId);
        this.allForms = MetricCounters.connector(allFormsConnectorId);
        this.contactOnly = MetricCounters.connector(contactConnectorId);
        this.first = first;
        this.newest = newest;
        this.total = total;
    }

    Instant receivedAt(int i) {
        return first.plusMillis((long) (Duration.between(first, newest).toMillis() * (i + 0.5) / total));
    }

    /** All {@code total} submissions' rate, per minute. */
    double perMinute() {
        return total / (Duration.between(first, newest).toMillis() / 60_000.0);
    }

    /** How many of {@code numbers} a dashboard over {@code range} shows as accepted at {@code now}. */
    long accepted(int[] numbers, Range range, Instant now) {
        Granularity granularity = range.granularity();
        Instant last = granularity.start(now);
        Instant from = granularity.plus(last, -(range.buckets() - 1));
        Instant to = granularity.plus(last, 1);
        long count = 0;
        for (int i : numbers) {
            Instant at = receivedAt(i);
            if (!at.isBefore(from) && at.isBefore(to)) {
                count++;
            }
        }
        return count;
    }

    /** Writes the counters of submission {@code i} for every {@code i} of {@code numbers}, on {@code threads} threads. */
    Written write(int[] numbers, int threads) {
        List<Map.Entry<Bucket, Map<String, Long>>> buckets =
                new ArrayList<>(sum(numbers).entrySet());
        AtomicInteger written = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int firstIndex = t;
                workers.add(pool.submit(() -> {
                    for (int k = firstIndex; k < buckets.size(); k += threads) {
                        Bucket bucket = buckets.get(k).getKey();
                        // no retry: an ADD is not idempotent, and a lost or doubled count would show in the totals
                        repository.add(
                                tenant,
                                bucket.dimension(),
                                bucket.granularity(),
                                bucket.start(),
                                buckets.get(k).getValue());
                        written.incrementAndGet();
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("seeding failed after " + written.get() + " buckets", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        }
        int minutes = (int) buckets.stream()
                .filter(b -> b.getKey().granularity() == Granularity.MINUTE)
                .count();
        return new Written(buckets.size(), minutes);
    }

    private Map<Bucket, Map<String, Long>> sum(int[] numbers) {
        Map<Bucket, Map<String, Long>> buckets = new HashMap<>();
        for (int i : numbers) {
            Instant at = receivedAt(i);
            count(buckets, site, at, MetricNames.ACCEPTED);
            deliver(buckets, allForms, at, i);
            if (i % CONTACT_EVERY == 0) {
                deliver(buckets, contactOnly, at, i);
            }
            if (i % REJECTED_EVERY == REJECTED_EVERY - 1) {
                count(buckets, site, at, MetricNames.rejected("bad_signature"));
            }
        }
        return buckets;
    }

    /** A delivery and its latency count on the connector (as DeliveryWorker). */
    private void deliver(Map<Bucket, Map<String, Long>> buckets, String connector, Instant at, int i) {
        boolean retried = i % RETRIED_EVERY == RETRIED_EVERY / 2;
        // 120–1,019 ms on the first attempt; after the first backoff (10 s) when retried once
        Duration latency = retried ? Duration.ofMillis(10_800) : Duration.ofMillis(120 + (i * 37L) % 900);
        if (retried) {
            count(buckets, connector, at, MetricNames.RETRIED);
        }
        count(buckets, connector, at, MetricNames.DELIVERED);
        count(buckets, connector, at, LatencyHistogram.counter(latency));
    }

    private static void count(Map<Bucket, Map<String, Long>> buckets, String dimension, Instant at, String counter) {
        for (Granularity granularity : MetricCounterRepository.WRITTEN) {
            buckets.computeIfAbsent(new Bucket(dimension, granularity, granularity.start(at)), b -> new HashMap<>())
                    .merge(counter, 1L, Long::sum);
        }
    }
}
