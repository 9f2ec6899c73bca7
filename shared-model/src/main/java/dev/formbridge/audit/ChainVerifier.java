package dev.formbridge.audit;

import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Walks a tenant's chain in sequence order, a page at a time, and checks each event: it is the next number, it is
 * readable, it belongs to the tenant, its hash matches its fields, and it links to the hash of the event before.
 */
final class ChainVerifier {
    private static final int PAGE = 200;

    private final DynamoDbClient dynamo;
    private final String tableName;

    ChainVerifier(Storage storage) {
        this.dynamo = storage.dynamo();
        this.tableName = storage.tableName();
    }

    ChainVerification verify(TenantId tenant) {
        long expected = 1;
        String prevHash = AuditHash.GENESIS;
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = read(tenant, start);
            for (Map<String, AttributeValue> item : page.items()) {
                long seq = AuditItems.positionOf(item);
                Optional<String> problem = seq == expected
                        ? problemOf(item, tenant, seq, prevHash)
                        : Optional.of("event " + expected + " is missing");
                if (problem.isPresent()) {
                    return ChainVerification.broken(expected - 1, expected, problem.get());
                }
                prevHash = item.get("hash").s();
                expected++;
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return ChainVerification.intact(expected - 1);
    }

    private static Optional<String> problemOf(
            Map<String, AttributeValue> item, TenantId tenant, long seq, String prevHash) {
        AuditEvent event;
        try {
            event = AuditItems.fromItem(item);
        } catch (RuntimeException unreadable) {
            return Optional.of("event " + seq + " cannot be read: " + unreadable.getMessage());
        }
        if (event.seq() != seq) {
            return Optional.of("event " + seq + " says it is event " + event.seq());
        }
        if (!tenant.equals(event.tenantId())) {
            return Optional.of("event " + seq + " belongs to another tenant");
        }
        if (event.hash() == null
                || !event.hash().equals(event.chained(seq, event.prevHash()).hash())) {
            return Optional.of("event " + seq + " does not match its hash: a field was changed");
        }
        if (!prevHash.equals(event.prevHash())) {
            return Optional.of("event " + seq + " does not link to event " + (seq - 1) + ": an event was replaced");
        }
        return Optional.empty();
    }

    private QueryResponse read(TenantId tenant, Map<String, AttributeValue> start) {
        return Storage.call(
                "read audit chain",
                () -> dynamo.query(b -> b.tableName(tableName)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.auditPk(tenant))))
                        .consistentRead(true)
                        .limit(PAGE)
                        .exclusiveStartKey(start)));
    }
}
