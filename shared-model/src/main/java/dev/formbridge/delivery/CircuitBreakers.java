package dev.formbridge.delivery;

import dev.formbridge.connector.ConnectorId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per connector, in memory: after {@code threshold} failures in a row the connector's circuit opens
 * and its deliveries wait (without an attempt). When the open period has passed it is half-open: the first caller
 * probes, the others keep waiting; a successful probe closes it, a failed one opens it again for twice as long, up to
 * {@code maxOpen}. Failures of deliveries that were already under way while it was open do not lengthen it, and a probe
 * that never reports (its worker crashed) is replaced by another after one more open period. One dead endpoint then
 * costs one probe per period instead of a timeout per delivery, and queued work for healthy connectors is not held up.
 * This is the fast path of each worker process; the worker also records each transition on the connector (see
 * {@code Circuits}) for the portal, which runs elsewhere.
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

    /**
     * Closed: {@code failures} in a row, {@code openUntil} null. Open until {@code openUntil} for {@code period}; past
     * it, half-open, and {@code probeUntil} is set while one caller's probe is under way.
     */
    private record State(int failures, Instant openUntil, Duration period, Instant probeUntil) {
        static State closed(int failures) {
            return new State(failures, null, null, null);
        }

        static State open(Instant now, Duration period) {
            return new State(0, now.plus(period), period, null);
        }

        boolean isOpen() {
            return openUntil != null;
        }

        State probing(Instant now) {
            return new State(failures, openUntil, period, now.plus(period));
        }
    }

    /**
     * Until when the connector's circuit is open, or empty when a delivery may be attempted now: closed, or half-open
     * and this caller is the one to probe. Callers that find a probe under way wait until it may be replaced.
     */
    public Optional<Instant> openUntil(ConnectorId connector) {
        while (true) {
            State state = states.get(connector);
            Instant now = clock.instant();
            if (state == null || !state.isOpen()) {
                return Optional.empty();
            }
            if (now.isBefore(state.openUntil())) {
                return Optional.of(state.openUntil());
            }
            if (state.probeUntil() != null && now.isBefore(state.probeUntil())) {
                return Optional.of(state.probeUntil());
            }
            // half-open, and no probe under way (or it never reported): whoever swaps the state first probes
            if (states.replace(connector, state, state.probing(now))) {
                return Optional.empty();
            }
        }
    }

    /** A delivery went through: the circuit closes. Returns whether it was open (a transition). */
    public boolean succeeded(ConnectorId connector) {
        State previous = states.remove(connector);
        return previous != null && previous.isOpen();
    }

    /**
     * A delivery failed. Returns until when the circuit is open if this failure opened it: it reached the threshold, or
     * it failed after the open period passed (a probe), which opens it again for twice as long. Empty if it stays
     * closed, or was open anyway (a delivery under way before it opened).
     */
    public Optional<Instant> failed(ConnectorId connector) {
        Instant now = clock.instant();
        State[] before = new State[1];
        State after = states.compute(connector, (id, previous) -> {
            before[0] = previous;
            return next(previous, now);
        });
        return after.isOpen() && after != before[0] ? Optional.of(after.openUntil()) : Optional.empty();
    }

    private State next(State previous, Instant now) {
        if (previous == null || !previous.isOpen()) {
            int failures = previous == null ? 1 : previous.failures() + 1;
            return failures < threshold ? State.closed(failures) : State.open(now, firstOpen);
        }
        if (now.isBefore(previous.openUntil())) {
            return previous;
        }
        return State.open(now, min(previous.period().multipliedBy(2), maxOpen));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
