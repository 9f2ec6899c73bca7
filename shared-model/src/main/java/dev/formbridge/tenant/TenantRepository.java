package dev.formbridge.tenant;

import dev.formbridge.storage.ConcurrentModificationException;
import dev.formbridge.storage.KeyedItem;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Stores tenants, one item each, written with an optimistic lock. */
public final class TenantRepository {
    private final DynamoDbTable<TenantItem> table;

    public TenantRepository(Storage storage) {
        this.table = storage.table(TenantItem.SCHEMA);
    }

    /** Creates a new tenant or saves a change; fails if the stored version moved on since {@code tenant} was read. */
    public Tenant save(Tenant tenant) {
        TenantItem item = TenantItem.from(tenant);
        try {
            Storage.run("save tenant", () -> table.putItem(item));
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentModificationException("tenant " + tenant.id());
        }
        return item.toTenant();
    }

    public Optional<Tenant> find(TenantId id) {
        Key key = Key.builder()
                .partitionValue(Keys.tenantPk(id))
                .sortValue(Keys.TENANT_SK)
                .build();
        return Optional.ofNullable(Storage.call("read tenant", () -> table.getItem(key)))
                .map(TenantItem::toTenant);
    }

    /** The stored form of a tenant. */
    static final class TenantItem extends KeyedItem {
        static final TableSchema<TenantItem> SCHEMA = StaticTableSchema.builder(TenantItem.class)
                .newItemSupplier(TenantItem::new)
                .extend(KeyedItem.KEYS)
                .addAttribute(
                        String.class,
                        a -> a.name("tenantId").getter(i -> i.tenantId).setter((i, v) -> i.tenantId = v))
                .addAttribute(
                        String.class, a -> a.name("name").getter(i -> i.name).setter((i, v) -> i.name = v))
                .addAttribute(
                        String.class,
                        a -> a.name("status").getter(i -> i.status).setter((i, v) -> i.status = v))
                .addAttribute(
                        Long.class,
                        a -> a.name("retentionDays")
                                .getter(i -> i.retentionDays)
                                .setter((i, v) -> i.retentionDays = v))
                .addAttribute(
                        Instant.class,
                        a -> a.name("createdAt").getter(i -> i.createdAt).setter((i, v) -> i.createdAt = v))
                .addAttribute(
                        Long.class,
                        a -> a.name("version")
                                .getter(i -> i.version)
                                .setter((i, v) -> i.version = v)
                                .tags(VersionedRecordExtension.AttributeTags.versionAttribute()))
                .build();
        private String tenantId;
        private String name;
        private String status;
        private Long retentionDays;
        private Instant createdAt;
        private Long version;

        static TenantItem from(Tenant tenant) {
            TenantItem item = new TenantItem();
            item.setPk(Keys.tenantPk(tenant.id()));
            item.setSk(Keys.TENANT_SK);
            item.tenantId = tenant.id().value();
            item.name = tenant.name();
            item.status = tenant.status().name();
            item.retentionDays = tenant.retention().toDays();
            item.createdAt = tenant.createdAt();
            item.version = tenant.version() == 0 ? null : tenant.version();
            return item;
        }

        Tenant toTenant() {
            return new Tenant(
                    new TenantId(tenantId),
                    name,
                    TenantStatus.valueOf(status),
                    Duration.ofDays(retentionDays),
                    createdAt,
                    version == null ? 0 : version);
        }
    }
}
