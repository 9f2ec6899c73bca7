package dev.formbridge.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * One try of a delivery: when, the HTTP status (0 when there was no answer), how long it took, a short error summary
 * (never the payload or a credential) and when the next try is due (null when none is).
 */
public record Attempt(int number, Instant at, int statusCode, Duration duration, String error, Instant nextAttemptAt) {
    public static final int MAX_ERROR = 300;

    public Attempt {
        if (error != null && error.length() > MAX_ERROR) {
            error = error.substring(0, MAX_ERROR) + "…";
        }
    }
}
