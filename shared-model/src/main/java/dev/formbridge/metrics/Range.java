package dev.formbridge.metrics;

import dev.formbridge.metrics.MetricCounterRepository.Granularity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The time ranges of a dashboard, each read from one granularity: the last 60 minutes (minute buckets), the last 24
 * hours (hour buckets), the last 30 days (day buckets), each ending with the bucket that holds now (UTC).
 */
public enum Range {
    LAST_HOUR(Granularity.MINUTE, 60),
    LAST_DAY(Granularity.HOUR, 24),
    LAST_30_DAYS(Granularity.DAY, 30);

    private final Granularity granularity;
    private final int buckets;

    Range(Granularity granularity, int buckets) {
        this.granularity = granularity;
        this.buckets = buckets;
    }

    public Granularity granularity() {
        return granularity;
    }

    /** How many buckets, so how many points each series has. */
    public int buckets() {
        return buckets;
    }

    /** The starts of the range's buckets ending at {@code now}, oldest first. */
    List<Instant> starts(Instant now) {
        Instant last = granularity.start(now);
        List<Instant> starts = new ArrayList<>(buckets);
        for (int i = buckets - 1; i >= 0; i--) {
            starts.add(granularity.plus(last, -i));
        }
        return starts;
    }
}
