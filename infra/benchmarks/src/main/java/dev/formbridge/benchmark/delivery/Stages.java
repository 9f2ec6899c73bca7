package dev.formbridge.benchmark.delivery;

import dev.formbridge.benchmark.delivery.Arrivals.Arrival;
import dev.formbridge.benchmark.delivery.Recorded.Stamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * The latency split at the two instants the product records, sorted ns each: {@code routed} from {@code receivedAt}
 * to the router's creation of the delivery (ingest's store and publish, the bus, the router's reads and the earlier
 * connectors' writes), {@code queued} from there to the start of the first POST (the rest of the router's writes, the
 * local queue, the worker's reads), {@code posted} from there to the receiver (a pooled connection and the request).
 */
record Stages(long[] routed, long[] queued, long[] posted) {

    static Stages of(Collection<Arrival> firstArrivals, Map<String, Stamps> stamps) {
        long[] routed = new long[firstArrivals.size()];
        long[] queued = new long[firstArrivals.size()];
        long[] posted = new long[firstArrivals.size()];
        int n = 0;
        for (Arrival arrival : firstArrivals) {
            Stamps stamp = stamps.get(arrival.webhookId());
            if (stamp == null || stamp.postedAt() == null) {
                continue;
            }
            routed[n] = nanos(arrival.receivedAt(), stamp.createdAt());
            queued[n] = nanos(stamp.createdAt(), stamp.postedAt());
            posted[n++] = nanos(stamp.postedAt(), arrival.at());
        }
        return new Stages(sorted(routed, n), sorted(queued, n), sorted(posted, n));
    }

    private static long nanos(Instant from, Instant to) {
        return Duration.between(from, to).toNanos();
    }

    private static long[] sorted(long[] values, int length) {
        long[] sorted = Arrays.copyOf(values, length);
        Arrays.sort(sorted);
        return sorted;
    }
}
