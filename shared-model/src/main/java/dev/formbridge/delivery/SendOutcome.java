package dev.formbridge.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * What one attempt to reach a destination returned. {@code delivered}: the destination took it. {@code status}: the
 * HTTP status (0 without an answer). {@code retryAfter}: what a 429/503 asked for. {@code gone}: the destination says
 * it no longer exists (HTTP 410), so the connector is disabled. {@code retryable}: whether a later try may succeed when there was no HTTP answer (network error, refused address);
 * an HTTP status is judged by the connector's {@link dev.formbridge.connector.RetryPolicy}.
 */
public record SendOutcome(
        boolean delivered,
        int status,
        Duration duration,
        String error,
        Optional<Duration> retryAfter,
        boolean retryable,
        boolean gone) {

    public static SendOutcome delivered(int status, Duration duration) {
        return new SendOutcome(true, status, duration, null, Optional.empty(), false, false);
    }

    public static SendOutcome failed(int status, Duration duration, String error, boolean retryable) {
        return new SendOutcome(false, status, duration, error, Optional.empty(), retryable, false);
    }

    public static SendOutcome gone(Duration duration) {
        return new SendOutcome(
                false, 410, duration, "410 Gone: the destination no longer exists", Optional.empty(), false, true);
    }

    public SendOutcome withRetryAfter(Optional<Duration> asked) {
        return new SendOutcome(delivered, status, duration, error, asked, retryable, gone);
    }
}
