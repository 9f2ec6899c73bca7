package dev.formbridge.audit;

import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.StorageUnavailableException;
import dev.formbridge.tenant.TenantId;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The per-tenant, append-only, hash-chained audit log: appends events and verifies a tenant's chain.
 *
 * <p>An append reads the tenant's latest event (strongly consistent) and writes the next number with a condition that
 * the number is still free; when a concurrent append took it, it reads again and retries. There are no transactions:
 * the conditional put is the whole protocol, so a chain has no gaps and no forks. Appenders in one JVM take turns per
 * tenant, so only separate processes race.
 */
public final class AuditRepository {
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final ChainAppender appender;
    private final ChainVerifier verifier;

    public AuditRepository(Storage storage) {
        this(storage, TenantTurns.JVM);
    }

    /** With its own turns: tests use one per simulated process. */
    AuditRepository(Storage storage, TenantTurns turns) {
        this.appender = new ChainAppender(storage, turns);
        this.dynamo = storage.dynamo();
        this.tableName = storage.tableName();
        this.verifier = new ChainVerifier(storage);
    }

    /**
     * Appends a new event (built with {@link AuditEvent#of}) to its tenant's chain and returns it with its sequence
     * number and hashes. Throws {@link StorageUnavailableException} when the store is unavailable or when
     * a bounded number of attempts in a row lost to appends of other processes (retry later).
     */
    public AuditEvent append(AuditEvent event) {
        if (event.appended()) {
            throw new IllegalArgumentException("event " + event.seq() + " is already in the chain");
        }
        return appender.append(event);
    }

    /** Recomputes every hash and link of the tenant's chain, oldest first, and reports the first break. */
    public ChainVerification verifyChain(TenantId tenant) {
        return verifier.verify(tenant);
    }

    /** The tenant's audit events in chain order. */
    public List<AuditEvent> list(TenantId tenant) {
        return Storage.call(
                        "list audit events",
                        () -> dynamo.query(b -> b.tableName(tableName)
                                .keyConditionExpression("pk = :pk")
                                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.auditPk(tenant))))))
                .items()
                .stream()
                .map(AuditItems::fromItem)
                .toList();
    }
}
