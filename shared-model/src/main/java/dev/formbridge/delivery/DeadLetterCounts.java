package dev.formbridge.delivery;

import dev.formbridge.connector.ConnectorId;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * How many dead letters each connector has: an atomic counter beside the dead-letter list, so noticing that a list
 * grew past a threshold needs no listing. Dead letters that expire by TTL are not subtracted, so the counter can run
 * ahead of the list; {@link #listed} counts the list itself when it matters and {@link #reset} corrects it.
 */
final class DeadLetterCounts {
    private final DynamoDbClient dynamo;
    private final String tableName;

    DeadLetterCounts(Storage storage) {
        this.dynamo = storage.dynamo();
        this.tableName = storage.tableName();
    }

    /** Counts one more dead letter of the connector; returns the new count. */
    long add(TenantId tenant, ConnectorId connector) {
        return Long.parseLong(Storage.call(
                        "count dead letter",
                        () -> dynamo.updateItem(b -> b.tableName(tableName)
                                .key(key(tenant, connector))
                                .updateExpression("ADD #count :one")
                                .expressionAttributeNames(Map.of("#count", "count"))
                                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                                .returnValues(ReturnValue.UPDATED_NEW)))
                .attributes()
                .get("count")
                .n());
    }

    /** Counts one dead letter less, never below zero (a list older than the counter). */
    void subtract(TenantId tenant, ConnectorId connector) {
        try {
            Storage.run(
                    "uncount dead letter",
                    () -> dynamo.updateItem(b -> b.tableName(tableName)
                            .key(key(tenant, connector))
                            .updateExpression("ADD #count :minus")
                            .conditionExpression("#count > :zero")
                            .expressionAttributeNames(Map.of("#count", "count"))
                            .expressionAttributeValues(
                                    Map.of(":minus", AttributeValue.fromN("-1"), ":zero", AttributeValue.fromN("0")))));
        } catch (ConditionalCheckFailedException alreadyZero) {
            // nothing counted: nothing to take away
        }
    }

    /** The number of the connector's dead letters actually listed, counting at most {@code upTo}. */
    long listed(TenantId tenant, ConnectorId connector, long upTo) {
        long counted = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = Storage.call(
                    "count dead letters",
                    () -> dynamo.query(b -> b.tableName(tableName)
                            .keyConditionExpression("pk = :pk AND begins_with(sk, :connector)")
                            .expressionAttributeValues(Map.of(
                                    ":pk", AttributeValue.fromS(Keys.deadLettersPk(tenant)),
                                    ":connector", AttributeValue.fromS(connector.value() + "#")))
                            .select(Select.COUNT)
                            .exclusiveStartKey(from)));
            counted += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && counted < upTo);
        return counted;
    }

    /** Sets the connector's count to {@code count} (after {@link #listed} found the counter ahead). */
    void reset(TenantId tenant, ConnectorId connector, long count) {
        Storage.run(
                "reset dead-letter count",
                () -> dynamo.updateItem(b -> b.tableName(tableName)
                        .key(key(tenant, connector))
                        .updateExpression("SET #count = :count")
                        .expressionAttributeNames(Map.of("#count", "count"))
                        .expressionAttributeValues(Map.of(":count", AttributeValue.fromN(Long.toString(count))))));
    }

    private static Map<String, AttributeValue> key(TenantId tenant, ConnectorId connector) {
        return Map.of(
                "pk", AttributeValue.fromS(Keys.connectorPk(tenant, connector)),
                "sk", AttributeValue.fromS(Keys.DEAD_LETTER_COUNT_SK));
    }
}
