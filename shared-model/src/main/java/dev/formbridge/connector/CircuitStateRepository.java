package dev.formbridge.connector;

import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Stores the circuit-breaker state of each connector on one small item, written by the delivery workers only when a
 * circuit opens or closes, and read by the portal. Several workers may write it: the earliest opening wins
 * {@code openSince} ({@code if_not_exists}), the latest transition wins the rest.
 */
public final class CircuitStateRepository {
    private static final String OPEN = "OPEN";
    private static final String CLOSED = "CLOSED";

    private final DynamoDbClient dynamo;
    private final String tableName;

    public CircuitStateRepository(Storage storage) {
        this.dynamo = storage.dynamo();
        this.tableName = storage.tableName();
    }

    /**
     * Records that the connector's circuit opened (or opened again) at {@code at} until {@code openUntil}. Returns
     * since when it has been open without closing, as stored: the first opening any worker recorded.
     */
    public Instant opened(TenantId tenant, ConnectorId connector, Instant openUntil, Instant at) {
        UpdateItemResponse response = Storage.call(
                "record circuit opened",
                () -> dynamo.updateItem(b -> b.tableName(tableName)
                        .key(key(tenant, connector))
                        .updateExpression("SET #state = :open, #until = :until, #changed = :at, "
                                + "#since = if_not_exists(#since, :at)")
                        .expressionAttributeNames(Map.of(
                                "#state",
                                "state",
                                "#until",
                                "openUntil",
                                "#changed",
                                "changedAt",
                                "#since",
                                "openSince"))
                        .expressionAttributeValues(Map.of(
                                ":open", AttributeValue.fromS(OPEN),
                                ":until", AttributeValue.fromS(openUntil.toString()),
                                ":at", AttributeValue.fromS(at.toString())))
                        .returnValues(ReturnValue.ALL_NEW)));
        return Instant.parse(response.attributes().get("openSince").s());
    }

    /** Records that the connector's circuit closed at {@code at}, if it is stored as open; true if it was. */
    public boolean closed(TenantId tenant, ConnectorId connector, Instant at) {
        try {
            Storage.run(
                    "record circuit closed",
                    () -> dynamo.updateItem(b -> b.tableName(tableName)
                            .key(key(tenant, connector))
                            .updateExpression("SET #state = :closed, #changed = :at REMOVE #since, #until")
                            .conditionExpression("#state = :open")
                            .expressionAttributeNames(Map.of(
                                    "#state",
                                    "state",
                                    "#until",
                                    "openUntil",
                                    "#changed",
                                    "changedAt",
                                    "#since",
                                    "openSince"))
                            .expressionAttributeValues(Map.of(
                                    ":open", AttributeValue.fromS(OPEN),
                                    ":closed", AttributeValue.fromS(CLOSED),
                                    ":at", AttributeValue.fromS(at.toString())))));
            return true;
        } catch (ConditionalCheckFailedException notOpen) {
            return false;
        }
    }

    /** The connector's circuit as stored, seen at {@code now} (an open circuit whose time has passed is half-open). */
    public CircuitState find(TenantId tenant, ConnectorId connector, Instant now) {
        GetItemResponse response = Storage.call(
                "read circuit state",
                () -> dynamo.getItem(b -> b.tableName(tableName).key(key(tenant, connector))));
        if (!response.hasItem() || response.item().isEmpty()) {
            return CircuitState.neverOpened();
        }
        Map<String, AttributeValue> item = response.item();
        Instant changedAt = instant(item, "changedAt");
        if (!OPEN.equals(item.get("state").s())) {
            return new CircuitState(CircuitState.Status.CLOSED, null, null, changedAt);
        }
        Instant openUntil = instant(item, "openUntil");
        CircuitState.Status status = now.isBefore(openUntil) ? CircuitState.Status.OPEN : CircuitState.Status.HALF_OPEN;
        return new CircuitState(status, instant(item, "openSince"), openUntil, changedAt);
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : Instant.parse(value.s());
    }

    private static Map<String, AttributeValue> key(TenantId tenant, ConnectorId connector) {
        return Map.of(
                "pk", AttributeValue.fromS(Keys.connectorPk(tenant, connector)),
                "sk", AttributeValue.fromS(Keys.CIRCUIT_SK));
    }
}
