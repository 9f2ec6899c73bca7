package dev.formbridge.delivery;

import dev.formbridge.connector.CircuitStateRepository;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's circuit breakers with their transitions recorded: the in-memory {@link CircuitBreakers} decide (the
 * fast path, no storage read per delivery); each opening and closing is written to the connector's circuit item, so
 * the portal can show it, and a circuit that has stayed open for {@link #LONG_OPEN} raises an alert at its next
 * opening. Recording is best effort: a failed write is logged and never fails the delivery.
 *
 * <p>A process that never saw a connector's circuit open may still find it stored as open (another worker opened it,
 * then went away): its first success per connector therefore closes the stored circuit too, by a write conditional on
 * it being open, which changes nothing otherwise.
 */
final class Circuits {
    /** How long a circuit stays open before the admins are told. */
    static final Duration LONG_OPEN = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(Circuits.class);

    private final CircuitBreakers breakers;
    private final CircuitStateRepository store;
    private final DeliveryAlerts alerts;
    private final Clock clock;
    private final Set<ConnectorId> storedClosed = ConcurrentHashMap.newKeySet();

    Circuits(CircuitBreakers breakers, CircuitStateRepository store, DeliveryAlerts alerts, Clock clock) {
        this.breakers = breakers;
        this.store = store;
        this.alerts = alerts;
        this.clock = clock;
    }

    Optional<Instant> openUntil(ConnectorId connector) {
        return breakers.openUntil(connector);
    }

    void succeeded(Connector connector) {
        boolean wasOpen = breakers.succeeded(connector.id());
        boolean firstHere = storedClosed.add(connector.id());
        if (!wasOpen && !firstHere) {
            return;
        }
        try {
            store.closed(connector.tenantId(), connector.id(), clock.instant());
        } catch (RuntimeException e) {
            storedClosed.remove(connector.id());
            log.warn("closing the circuit of {} was not recorded", connector.id(), e);
        }
    }

    void failed(Connector connector) {
        Optional<Instant> openUntil = breakers.failed(connector.id());
        if (openUntil.isEmpty()) {
            return;
        }
        storedClosed.remove(connector.id());
        try {
            Instant now = clock.instant();
            Instant openSince = store.opened(connector.tenantId(), connector.id(), openUntil.get(), now);
            if (!now.isBefore(openSince.plus(LONG_OPEN))) {
                alerts.raise(DeliveryAlert.circuitOpen(connector.tenantId(), connector.id(), openSince, now));
            }
        } catch (RuntimeException e) {
            log.warn("opening the circuit of {} was not recorded", connector.id(), e);
        }
    }
}
