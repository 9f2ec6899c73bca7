package dev.formbridge.ingest;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key, held in memory: no storage write per request. Each process (each Lambda container) enforces
 * the limit on its own share of the traffic; docs/adr/0005-rate-limits-in-memory.md explains the trade-off.
 */
final class RateLimiter {
    private static final int MAX_KEYS = 100_000;

    private final double perSecond;
    private final double burst;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perSecond, int burst, Clock clock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate needs a positive rate and a burst of at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes a token for {@code key}: 0 if granted, else the whole seconds until one is free (at least 1). */
    long acquire(String key) {
        if (buckets.size() > MAX_KEYS) {
            buckets.clear(); // a flood of distinct keys must not grow memory without bound
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, clock.millis()))
                .take(clock.millis());
    }

    /** Gives back a token taken by {@link #acquire} when a later check refused the request anyway. */
    void release(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            bucket.giveBack();
        }
    }

    private final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized long take(long now) {
            tokens = Math.min(burst, tokens + (now - updatedAt) * perSecond / 1000.0);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }

        synchronized void giveBack() {
            tokens = Math.min(burst, tokens + 1);
        }
    }
}
