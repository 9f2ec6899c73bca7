package dev.formbridge.audit;

import dev.formbridge.Ids;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Appends audit events to a tenant's log (append-only, time-ordered). The portal issue adds the hash chain and the
 * views; the delivery machinery already records what it does on its own (a connector disabled by a 410, replays).
 */
public final class AuditRepository {
    private final DynamoDbClient dynamo;
    private final String tableName;

    public AuditRepository(Storage storage) {
        this.dynamo = storage.dynamo();
        this.tableName = storage.tableName();
    }

    /** Who did what to which target, when; {@code actor} is a user id or {@code system:<component>}. */
    public record AuditEvent(
            TenantId tenantId, Instant at, String actor, String action, String target, String detail) {}

    public void append(AuditEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(Keys.auditPk(event.tenantId())));
        item.put("sk", AttributeValue.fromS(Keys.sortableTime(event.at()) + "#" + Ids.next("aud_")));
        item.put("tenantId", AttributeValue.fromS(event.tenantId().value()));
        item.put("at", AttributeValue.fromS(event.at().toString()));
        item.put("actor", AttributeValue.fromS(event.actor()));
        item.put("action", AttributeValue.fromS(event.action()));
        item.put("target", AttributeValue.fromS(event.target()));
        if (event.detail() != null) {
            item.put("detail", AttributeValue.fromS(event.detail()));
        }
        Storage.run(
                "append audit event",
                () -> dynamo.putItem(
                        b -> b.tableName(tableName).item(item).conditionExpression("attribute_not_exists(pk)")));
    }

    /** The tenant's audit events, oldest first. */
    public List<AuditEvent> list(TenantId tenantId) {
        return Storage.call(
                        "list audit events",
                        () -> dynamo.query(b -> b.tableName(tableName)
                                .keyConditionExpression("pk = :pk")
                                .expressionAttributeValues(
                                        Map.of(":pk", AttributeValue.fromS(Keys.auditPk(tenantId))))))
                .items()
                .stream()
                .map(row -> new AuditEvent(
                        new TenantId(row.get("tenantId").s()),
                        Instant.parse(row.get("at").s()),
                        row.get("actor").s(),
                        row.get("action").s(),
                        row.get("target").s(),
                        row.containsKey("detail") ? row.get("detail").s() : null))
                .toList();
    }
}
