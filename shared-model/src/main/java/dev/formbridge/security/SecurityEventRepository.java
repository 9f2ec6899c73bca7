package dev.formbridge.security;

import dev.formbridge.site.SiteId;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableDefinition;
import dev.formbridge.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keeps security events (rejected signatures, rate-limit hits) per tenant for the audit log. Writers sample: at most
 * one event per site and reason per minute, carrying how many rejections it stands for.
 */
public final class SecurityEventRepository {
    static final Duration RETENTION = Duration.ofDays(90);

    private final DynamoDbClient dynamo;
    private final String tableName;

    public SecurityEventRepository(Storage storage) {
        this.dynamo = storage.dynamo();
        this.tableName = storage.tableName();
    }

    /** A sampled security event: {@code count} rejections for {@code reason} at one site since the previous event. */
    public record SecurityEvent(TenantId tenantId, SiteId siteId, String reason, Instant at, long count) {}

    public void append(SecurityEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(Keys.securityEventsPk(event.tenantId())));
        item.put("sk", AttributeValue.fromS(event.at() + "#" + event.siteId().value() + "#" + event.reason()));
        item.put("tenantId", AttributeValue.fromS(event.tenantId().value()));
        item.put("siteId", AttributeValue.fromS(event.siteId().value()));
        item.put("reason", AttributeValue.fromS(event.reason()));
        item.put("at", AttributeValue.fromS(event.at().toString()));
        item.put("count", AttributeValue.fromN(Long.toString(event.count())));
        item.put(
                TableDefinition.TTL,
                AttributeValue.fromN(Long.toString(event.at().plus(RETENTION).getEpochSecond())));
        Storage.run(
                "append security event",
                () -> dynamo.putItem(b -> b.tableName(tableName).item(item)));
    }

    /** The tenant's security events, oldest first. */
    public List<SecurityEvent> list(TenantId tenantId) {
        return Storage.call(
                        "list security events",
                        () -> dynamo.query(b -> b.tableName(tableName)
                                .keyConditionExpression("pk = :pk")
                                .expressionAttributeValues(
                                        Map.of(":pk", AttributeValue.fromS(Keys.securityEventsPk(tenantId))))))
                .items()
                .stream()
                .map(row -> new SecurityEvent(
                        new TenantId(row.get("tenantId").s()),
                        new SiteId(row.get("siteId").s()),
                        row.get("reason").s(),
                        Instant.parse(row.get("at").s()),
                        Long.parseLong(row.get("count").n())))
                .toList();
    }
}
