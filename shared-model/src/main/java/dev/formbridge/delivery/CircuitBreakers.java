package dev.formbridge.delivery;

import dev.formbridge.connector.ConnectorId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per connector, in memory: after {@code threshold} failures in a row the connector's circuit opens
 * and its deliveries wait (without an attempt) until it half-opens; each time it opens again the wait doubles, up to
 * {@code maxOpen}. One dead endpoint then costs one probe per period instead of a timeout per delivery, and queued work
 * for healthy connectors is not held up. This is the fast path of each worker process; the worker also records
 * each transition on the connector (see {@code Circuits}) for the portal, which runs elsewhere.
 */
public final class CircuitBreakers {
    private final int threshold;
    private final Duration firstOpen;
    private final Duration maxOpen;
    private final Clock clock;
    private final ConcurrentHashMap<ConnectorId, State> states = new ConcurrentHashMap<>();

    public CircuitBreakers(int threshold, Duration firstOpen, Duration maxOpen, Clock clock) {
        this.threshold = threshold;
        this.firstOpen = firstOpen;
        this.maxOpen = maxOpen;
        this.clock = clock;
    }

    public static CircuitBreakers defaults(Clock clock) {
        return new CircuitBreakers(5, Duration.ofSeconds(30), Duration.ofMinutes(10), clock);
    }

    private record State(int failures, Instant openUntil, Duration lastOpen) {}

    /** Until when the connector's circuit is open, or empty when a delivery may be attempted now. */
    public Optional<Instant> openUntil(ConnectorId connector) {
        State state = states.get(connector);
        if (state == null || state.openUntil() == null || !clock.instant().isBefore(state.openUntil())) {
            return Optional.empty();
        }
        return Optional.of(state.openUntil());
    }

    /** A delivery went through: the circuit closes. Returns whether it was open (a transition). */
    public boolean succeeded(ConnectorId connector) {
        State previous = states.remove(connector);
        return previous != null && previous.openUntil() != null;
    }

    /**
     * A delivery failed. Returns until when the circuit is open if this failure opened it (or, already past the
     * threshold, opened it again for longer); empty if it stays closed.
     */
    public Optional<Instant> failed(ConnectorId connector) {
        State state = states.compute(connector, (id, previous) -> {
            int failures = previous == null ? 1 : previous.failures() + 1;
            if (failures < threshold) {
                return new State(failures, null, previous == null ? null : previous.lastOpen());
            }
            Duration open = previous == null || previous.lastOpen() == null
                    ? firstOpen
                    : min(previous.lastOpen().multipliedBy(2), maxOpen);
            return new State(failures, clock.instant().plus(open), open);
        });
        return Optional.ofNullable(state.openUntil());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
