package dev.formbridge.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fixed log-scale histogram of delivery latency (submission received → successful attempt, retries included), kept
 * as one counter per bucket: {@code latency_le_<ms>} for each upper bound, {@code latency_gt_<last>} for the overflow.
 * Fixed bounds let buckets from any number of minutes, hours, days and connectors be summed exactly; a percentile is
 * then known to the bucket: {@link #percentile} reports the bucket's upper bound, not an interpolated value.
 */
public final class LatencyHistogram {
    /**
     * Upper bounds (ms), inclusive. Up to 2 minutes covers first-attempt deliveries; the bounds above catch deliveries
     * that needed a retry (the default backoff waits 10 s, 1 min, 5 min, 30 min, …).
     */
    public static final List<Long> BOUNDS_MILLIS = List.of(
            50L,
            100L,
            250L,
            500L,
            1_000L,
            2_500L,
            5_000L,
            10_000L,
            30_000L,
            60_000L,
            120_000L,
            300_000L,
            900_000L,
            3_600_000L);

    private static final String PREFIX = "latency_";
    private static final long LAST = BOUNDS_MILLIS.getLast();
    private static final String OVERFLOW = PREFIX + "gt_" + LAST;

    private LatencyHistogram() {}

    /** The counter a delivery of this latency increments. */
    public static String counter(Duration latency) {
        long millis = latency.toMillis();
        for (long bound : BOUNDS_MILLIS) {
            if (millis <= bound) {
                return bucket(bound);
            }
        }
        return OVERFLOW;
    }

    static boolean isLatency(String counter) {
        return counter.startsWith(PREFIX);
    }

    /**
     * The {@code quantile} (0 &lt; q ≤ 1) of the latencies counted in {@code counters} (any summed counters; others are
     * ignored): the upper bound of the bucket holding the ⌈q·n⌉-th smallest latency, empty when none were counted.
     */
    public static Optional<LatencyPercentile> percentile(Map<String, Long> counters, double quantile) {
        long total = 0;
        for (long bound : BOUNDS_MILLIS) {
            total += counters.getOrDefault(bucket(bound), 0L);
        }
        total += counters.getOrDefault(OVERFLOW, 0L);
        if (total == 0) {
            return Optional.empty();
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (long bound : BOUNDS_MILLIS) {
            seen += counters.getOrDefault(bucket(bound), 0L);
            if (seen >= rank) {
                return Optional.of(new LatencyPercentile(Duration.ofMillis(bound), false));
            }
        }
        return Optional.of(new LatencyPercentile(Duration.ofMillis(LAST), true));
    }

    private static String bucket(long bound) {
        return PREFIX + "le_" + bound;
    }
}
