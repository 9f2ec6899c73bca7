package dev.formbridge.delivery;

import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditRepository;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorRepository;
import dev.formbridge.storage.ConcurrentModificationException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disables a connector whose destination answered 410 Gone, with an audit event and an alert. The connector is read
 * again first: the worker's copy may be as old as the connector's timeout, and saving it would fail on any change made
 * meanwhile, after the delivery was recorded failed, so no redelivery would disable it. A conflict (a change between
 * the read and the save) is read again and retried.
 */
final class GoneConnectors {
    private static final Logger log = LoggerFactory.getLogger(GoneConnectors.class);
    /** Saves tried before giving up: each conflict is someone else's change, read again. */
    static final int TRIES = 5;

    private final ConnectorRepository connectors;
    private final AuditRepository audit;
    private final DeliveryAlerts alerts;

    GoneConnectors(ConnectorRepository connectors, AuditRepository audit, DeliveryAlerts alerts) {
        this.connectors = connectors;
        this.audit = audit;
        this.alerts = alerts;
    }

    /** {@code gone}, as the attempt that got the 410 at {@code at} read it, is disabled unless changed meanwhile. */
    void disable(Connector gone, Instant at) {
        if (!save(gone, at)) {
            return;
        }
        audit.append(AuditEvent.of(
                        gone.tenantId(),
                        at,
                        "system:delivery",
                        "connector.disabled",
                        gone.id().value())
                .withChange(
                        "{\"enabled\":true}", "{\"enabled\":false,\"reason\":\"the destination answered 410 Gone\"}"));
        log.warn("connector {} disabled: 410 Gone", gone.id());
        alerts.raise(DeliveryAlert.connectorDisabled(gone.tenantId(), gone.id(), at));
    }

    /** Whether this call disabled it: false when it was deleted, disabled or pointed elsewhere meanwhile. */
    private boolean save(Connector gone, Instant at) {
        for (int tryNumber = 1; ; tryNumber++) {
            Optional<Connector> current = connectors.find(gone.tenantId(), gone.id()); // a consistent read
            if (current.isEmpty() || !current.get().enabled()) {
                return false;
            }
            if (!current.get().target().equals(gone.target())) {
                // the 410 came from the old destination; the new one has not answered yet
                log.warn("connector {} answered 410 but was pointed elsewhere meanwhile: left enabled", gone.id());
                return false;
            }
            try {
                connectors.save(current.get().disable("the destination answered 410 Gone at " + at));
                return true;
            } catch (ConcurrentModificationException changedMeanwhile) {
                if (tryNumber == TRIES) {
                    throw changedMeanwhile;
                }
            }
        }
    }
}
