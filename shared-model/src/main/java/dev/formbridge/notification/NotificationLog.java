package dev.formbridge.notification;

import dev.formbridge.delivery.DeliveryAlert;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * When each connector's admins were last notified, per reason: one small item each, claimed by a conditional put
 * before an e-mail goes out, so of several workers raising the same alert within the quiet period exactly one sends.
 */
final class NotificationLog {
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Duration quietPeriod;

    NotificationLog(Storage storage, Duration quietPeriod) {
        this.dynamo = storage.dynamo();
        this.tableName = storage.tableName();
        this.quietPeriod = quietPeriod;
    }

    /**
     * Claims the right to notify about {@code alert} at {@code now}: true unless someone did within the quiet period.
     * The item expires a day later (TTL), long after it stops mattering.
     */
    boolean claim(DeliveryAlert alert, Instant now) {
        Map<String, AttributeValue> item = Map.of(
                "pk",
                AttributeValue.fromS(Keys.connectorPk(alert.tenantId(), alert.connectorId())),
                "sk",
                AttributeValue.fromS(Keys.notifiedSk(alert.reason().name())),
                "notifiedAt",
                millis(now),
                TableDefinition.TTL,
                AttributeValue.fromN(Long.toString(now.plus(Duration.ofDays(1)).getEpochSecond())));
        try {
            Storage.run(
                    "claim notification",
                    () -> dynamo.putItem(b -> b.tableName(tableName)
                            .item(item)
                            .conditionExpression("attribute_not_exists(pk) OR notifiedAt <= :quietSince")
                            .expressionAttributeValues(Map.of(":quietSince", millis(now.minus(quietPeriod))))));
            return true;
        } catch (ConditionalCheckFailedException notifiedRecently) {
            return false;
        }
    }

    /** Gives a claim made at {@code claimedAt} back (nothing was sent), unless someone claimed again since. */
    void release(DeliveryAlert alert, Instant claimedAt) {
        try {
            Storage.run(
                    "release notification",
                    () -> dynamo.deleteItem(b -> b.tableName(tableName)
                            .key(Map.of(
                                    "pk", AttributeValue.fromS(Keys.connectorPk(alert.tenantId(), alert.connectorId())),
                                    "sk",
                                            AttributeValue.fromS(Keys.notifiedSk(
                                                    alert.reason().name()))))
                            .conditionExpression("notifiedAt = :mine")
                            .expressionAttributeValues(Map.of(":mine", millis(claimedAt)))));
        } catch (ConditionalCheckFailedException claimedAgain) {
            // another worker's claim: it stands
        }
    }

    private static AttributeValue millis(Instant at) {
        return AttributeValue.fromN(Long.toString(at.toEpochMilli()));
    }
}
