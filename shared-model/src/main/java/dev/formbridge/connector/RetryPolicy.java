package dev.formbridge.connector;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed delivery again: exponential backoff with jitter ({@code delays[n]} after the n-th failure,
 * ±{@code jitter}), {@code Retry-After} honoured on 429 and 503, and which HTTP answers are worth a retry at all.
 * After the last delay the delivery is exhausted and goes to the dead-letter list.
 */
public record RetryPolicy(List<Duration> delays, double jitter, Set<Integer> retryableClientErrors) {
    public static final List<Duration> DEFAULT_DELAYS = List.of(
            Duration.ofSeconds(10),
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(6),
            Duration.ofHours(12),
            Duration.ofHours(24));
    public static final Set<Integer> DEFAULT_RETRYABLE_CLIENT_ERRORS = Set.of(408, 409, 425, 429);
    public static final double DEFAULT_JITTER = 0.2;
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    public RetryPolicy {
        delays = List.copyOf(delays);
        retryableClientErrors = Set.copyOf(retryableClientErrors);
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter is a fraction between 0 and 1");
        }
        if (delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("retry delays must be positive");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_DELAYS, DEFAULT_JITTER, DEFAULT_RETRYABLE_CLIENT_ERRORS);
    }

    public static RetryPolicy of(List<Duration> delays) {
        return new RetryPolicy(delays, DEFAULT_JITTER, DEFAULT_RETRYABLE_CLIENT_ERRORS);
    }

    /** Attempts in all: the first one and one per delay. */
    public int maxAttempts() {
        return delays.size() + 1;
    }

    /** The same delays, retrying these client errors (4xx) instead of the default 408, 409, 425 and 429. */
    public RetryPolicy retryingClientErrors(Set<Integer> statuses) {
        return new RetryPolicy(delays, jitter, statuses);
    }

    /** Whether an HTTP answer may succeed when tried again (5xx, and 408/409/425/429 by default). */
    public boolean isRetryable(int status) {
        return status >= 500 || retryableClientErrors.contains(status);
    }

    /**
     * The wait before the next attempt after {@code failedAttempts} failures, or empty when the policy is exhausted.
     * A {@code Retry-After} the receiver sent (429/503) wins over the backoff, capped at 24 hours.
     */
    public Optional<Duration> nextDelay(int failedAttempts, Optional<Duration> retryAfter) {
        if (failedAttempts < 1 || failedAttempts > delays.size()) {
            return Optional.empty();
        }
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return Optional.of(asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked);
        }
        Duration base = delays.get(failedAttempts - 1);
        double factor = 1 + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-jitter, jitter));
        return Optional.of(Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor))));
    }
}
