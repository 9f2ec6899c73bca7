package dev.formbridge.audit;

import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.StorageUnavailableException;
import dev.formbridge.tenant.TenantId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Appends to a chain without transactions: a strongly consistent read of the newest event, then a put of the next
 * number on condition that it is still free. When another process took the number first, read again after a short
 * random pause and retry, a bounded number of times.
 */
final class ChainAppender {
    /** Two processes appending back to back made single appends lose up to 9 times in a row in tests. */
    static final int MAX_TRIES = 25;

    private static final long MAX_PAUSE_MILLIS = 50;

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final TenantTurns turns;

    ChainAppender(Storage storage, TenantTurns turns) {
        this.dynamo = storage.dynamo();
        this.tableName = storage.tableName();
        this.turns = turns;
    }

    AuditEvent append(AuditEvent event) {
        return turns.inTurn(event.tenantId(), () -> appendRacingOtherProcesses(event));
    }

    private AuditEvent appendRacingOtherProcesses(AuditEvent event) {
        for (int attempt = 1; ; attempt++) {
            AuditEvent next = latest(event.tenantId())
                    .map(tip -> event.chained(tip.seq() + 1, tip.hash()))
                    .orElseGet(() -> event.chained(1, AuditHash.GENESIS));
            try {
                Storage.run(
                        "append audit event",
                        () -> dynamo.putItem(b -> b.tableName(tableName)
                                .item(AuditItems.toItem(next))
                                .conditionExpression("attribute_not_exists(pk)")));
                return next;
            } catch (ConditionalCheckFailedException taken) {
                if (attempt == MAX_TRIES) {
                    throw new StorageUnavailableException(
                            "append audit event: " + MAX_TRIES + " attempts lost to concurrent appends to the log of "
                                    + event.tenantId() + "; retry later",
                            taken);
                }
                pause(attempt);
            }
        }
    }

    /** The newest event's position and hash. */
    private record Tip(long seq, String hash) {}

    private Optional<Tip> latest(TenantId tenant) {
        return Storage.call(
                        "read latest audit event",
                        () -> dynamo.query(b -> b.tableName(tableName)
                                .keyConditionExpression("pk = :pk")
                                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.auditPk(tenant))))
                                .projectionExpression("sk, #hash")
                                .expressionAttributeNames(Map.of("#hash", "hash")) // HASH is a reserved word
                                .scanIndexForward(false)
                                .limit(1)
                                .consistentRead(true)))
                .items()
                .stream()
                .findFirst()
                .map(item ->
                        new Tip(AuditItems.positionOf(item), item.get("hash").s()));
    }

    /** Full jitter, growing: up to 4, 8, 16, 32, then 50 ms. */
    private static void pause(int attempt) {
        long ceiling = Math.min(MAX_PAUSE_MILLIS, 2L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("append audit event: interrupted", e);
        }
    }
}
