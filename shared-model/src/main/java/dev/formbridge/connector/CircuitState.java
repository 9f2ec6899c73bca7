package dev.formbridge.connector;

import java.time.Instant;

/**
 * A connector's circuit breaker as the workers last recorded it, for the portal (which runs in another process).
 * {@code OPEN}: deliveries wait until {@code openUntil}; {@code HALF_OPEN}: that time has passed and the next delivery
 * probes the destination; {@code CLOSED}: deliveries go out. {@code openSince} is when the circuit first opened without
 * closing in between (null when closed); {@code changedAt} is the last recorded transition (null if there was none).
 */
public record CircuitState(Status status, Instant openSince, Instant openUntil, Instant changedAt) {

    /** Where a connector's circuit stands. */
    public enum Status {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    /** A circuit with no recorded transition. */
    public static CircuitState neverOpened() {
        return new CircuitState(Status.CLOSED, null, null, null);
    }

    /** Deliveries go out without waiting. */
    public boolean isClosed() {
        return status == Status.CLOSED;
    }
}
