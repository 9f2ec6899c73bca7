package dev.formbridge.delivery;

import dev.formbridge.connector.ConnectorId;
import dev.formbridge.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * Something about a connector its tenant's admins should hear of, detected on the delivery path: the connector was
 * disabled ({@code CONNECTOR_DISABLED}, a 410), its circuit has stayed open since {@code openSince}
 * ({@code CIRCUIT_OPEN}), or its dead-letter list reached {@code deadLetters} ({@code DEAD_LETTERS}).
 */
public record DeliveryAlert(
        TenantId tenantId, ConnectorId connectorId, Reason reason, Instant at, Instant openSince, long deadLetters) {

    /** Why the admins are told. */
    public enum Reason {
        CONNECTOR_DISABLED,
        CIRCUIT_OPEN,
        DEAD_LETTERS
    }

    public DeliveryAlert {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(connectorId, "connectorId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    /** The destination answered 410 at {@code at} and the connector was disabled. */
    public static DeliveryAlert connectorDisabled(TenantId tenant, ConnectorId connector, Instant at) {
        return new DeliveryAlert(tenant, connector, Reason.CONNECTOR_DISABLED, at, null, 0);
    }

    /** The circuit opened again at {@code at}, having stayed open since {@code openSince}. */
    public static DeliveryAlert circuitOpen(TenantId tenant, ConnectorId connector, Instant openSince, Instant at) {
        return new DeliveryAlert(tenant, connector, Reason.CIRCUIT_OPEN, at, openSince, 0);
    }

    /** The connector's dead-letter list reached {@code count} entries at {@code at}. */
    public static DeliveryAlert deadLetters(TenantId tenant, ConnectorId connector, long count, Instant at) {
        return new DeliveryAlert(tenant, connector, Reason.DEAD_LETTERS, at, null, count);
    }
}
