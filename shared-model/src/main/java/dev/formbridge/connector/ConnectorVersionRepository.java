package dev.formbridge.connector;

import dev.formbridge.connector.ConnectorService.Spec;
import dev.formbridge.storage.KeyedItem;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Stores a connector's versions, one item each under the connector's own partition, written once
 * ({@code attribute_not_exists}) and never changed.
 */
final class ConnectorVersionRepository {
    private final DynamoDbTable<VersionItem> table;

    ConnectorVersionRepository(Storage storage) {
        this.table = storage.table(VersionItem.SCHEMA);
    }

    /** Stores {@code version} unless that number exists; false if it did (a version is never overwritten). */
    boolean putIfAbsent(TenantId tenant, ConnectorId connector, ConnectorVersion version) {
        VersionItem item = VersionItem.from(tenant, connector, version);
        Expression absent =
                Expression.builder().expression("attribute_not_exists(pk)").build();
        try {
            Storage.run(
                    "record connector version",
                    () -> table.putItem(r -> r.item(item).conditionExpression(absent)));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    Optional<ConnectorVersion> find(TenantId tenant, ConnectorId connector, int number) {
        Key key = Key.builder()
                .partitionValue(Keys.connectorPk(tenant, connector))
                .sortValue(Keys.connectorVersionSk(number))
                .build();
        return Optional.ofNullable(Storage.call(
                        "read connector version",
                        () -> table.getItem(r -> r.key(key).consistentRead(true))))
                .map(VersionItem::toVersion);
    }

    /** The connector's versions, newest first. */
    List<ConnectorVersion> list(TenantId tenant, ConnectorId connector) {
        QueryConditional versions = QueryConditional.sortBeginsWith(Key.builder()
                .partitionValue(Keys.connectorPk(tenant, connector))
                .sortValue(Keys.CONNECTOR_VERSION_SK_PREFIX)
                .build());
        return Storage.call(
                "list connector versions",
                () ->
                        table
                                .query(r -> r.queryConditional(versions)
                                        .scanIndexForward(false)
                                        .consistentRead(true))
                                .items()
                                .stream()
                                .map(VersionItem::toVersion)
                                .toList());
    }

    /** The stored form of a version. */
    static final class VersionItem extends KeyedItem {
        static final TableSchema<VersionItem> SCHEMA = StaticTableSchema.builder(VersionItem.class)
                .newItemSupplier(VersionItem::new)
                .extend(KeyedItem.KEYS)
                .addAttribute(
                        Integer.class,
                        a -> a.name("number").getter(i -> i.number).setter((i, v) -> i.number = v))
                .addAttribute(
                        String.class, a -> a.name("type").getter(i -> i.type).setter((i, v) -> i.type = v))
                .addAttribute(
                        String.class, a -> a.name("name").getter(i -> i.name).setter((i, v) -> i.name = v))
                .addAttribute(
                        String.class,
                        a -> a.name("target").getter(i -> i.target).setter((i, v) -> i.target = v))
                .addAttribute(
                        String.class,
                        a -> a.name("filter").getter(i -> i.filter).setter((i, v) -> i.filter = v))
                .addAttribute(
                        String.class,
                        a -> a.name("template").getter(i -> i.template).setter((i, v) -> i.template = v))
                .addAttribute(
                        Long.class,
                        a -> a.name("timeoutMillis")
                                .getter(i -> i.timeoutMillis)
                                .setter((i, v) -> i.timeoutMillis = v))
                .addAttribute(
                        EnhancedType.listOf(Long.class),
                        a -> a.name("retryDelaysMillis")
                                .getter(i -> i.retryDelaysMillis)
                                .setter((i, v) -> i.retryDelaysMillis = v))
                .addAttribute(
                        EnhancedType.listOf(Integer.class),
                        a -> a.name("retryableStatuses")
                                .getter(i -> i.retryableStatuses)
                                .setter((i, v) -> i.retryableStatuses = v))
                .addAttribute(
                        EnhancedType.listOf(String.class),
                        a -> a.name("headerNames").getter(i -> i.headerNames).setter((i, v) -> i.headerNames = v))
                .addAttribute(
                        String.class, a -> a.name("actor").getter(i -> i.actor).setter((i, v) -> i.actor = v))
                .addAttribute(Instant.class, a -> a.name("at").getter(i -> i.at).setter((i, v) -> i.at = v))
                .addAttribute(
                        Integer.class,
                        a -> a.name("restoredFrom").getter(i -> i.restoredFrom).setter((i, v) -> i.restoredFrom = v))
                .build();

        private Integer number;
        private String type;
        private String name;
        private String target;
        private String filter;
        private String template;
        private Long timeoutMillis;
        private List<Long> retryDelaysMillis;
        private List<Integer> retryableStatuses;
        private List<String> headerNames;
        private String actor;
        private Instant at;
        private Integer restoredFrom;

        static VersionItem from(TenantId tenant, ConnectorId connector, ConnectorVersion version) {
            Spec spec = version.spec();
            VersionItem item = new VersionItem();
            item.setPk(Keys.connectorPk(tenant, connector));
            item.setSk(Keys.connectorVersionSk(version.number()));
            item.number = version.number();
            item.type = spec.type().name();
            item.name = spec.name();
            item.target = spec.target();
            item.filter = spec.filter();
            item.template = spec.template();
            item.timeoutMillis = spec.timeout().toMillis();
            item.retryDelaysMillis =
                    spec.retryPolicy().delays().stream().map(Duration::toMillis).toList();
            item.retryableStatuses =
                    spec.retryPolicy().retryableClientErrors().stream().sorted().toList();
            item.headerNames = version.headerNames();
            item.actor = version.actor();
            item.at = version.at();
            item.restoredFrom = version.restoredFrom();
            return item;
        }

        ConnectorVersion toVersion() {
            Spec spec = new Spec(
                    ConnectorType.valueOf(type),
                    name,
                    target,
                    filter,
                    template,
                    Map.of(),
                    Duration.ofMillis(timeoutMillis),
                    new RetryPolicy(
                            (retryDelaysMillis == null ? List.<Long>of() : retryDelaysMillis)
                                    .stream().map(Duration::ofMillis).toList(),
                            RetryPolicy.DEFAULT_JITTER,
                            retryableStatuses == null
                                    ? RetryPolicy.DEFAULT_RETRYABLE_CLIENT_ERRORS
                                    : Set.copyOf(retryableStatuses)));
            return new ConnectorVersion(
                    number,
                    spec,
                    headerNames == null ? List.of() : headerNames,
                    actor,
                    at,
                    restoredFrom == null ? 0 : restoredFrom);
        }
    }
}
