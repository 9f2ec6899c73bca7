package dev.formbridge.tenant;

import dev.formbridge.storage.ConcurrentModificationException;
import dev.formbridge.storage.IndexedItem;
import dev.formbridge.storage.ItemsByKey;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Page;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Stores tenants, one item each, written with an optimistic lock. Each tenant is also an entry of the tenant directory
 * (gsi1, {@link Keys#TENANT_DIRECTORY_PK}), which support staff page through in order of name.
 */
public final class TenantRepository {
    /** The most tenants one directory page holds. */
    public static final int MAX_PAGE_SIZE = 100;

    private final DynamoDbTable<TenantItem> table;
    private final Storage storage;

    public TenantRepository(Storage storage) {
        this.table = storage.table(TenantItem.SCHEMA);
        this.storage = storage;
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

    /**
     * One page of the tenant directory, in order of name. {@code cursor} is null for the first page, else the
     * {@link Page<Tenant>#nextCursor()} of the page before; {@code limit} is 1 to {@value #MAX_PAGE_SIZE}.
     */
    public Page<Tenant> list(String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_PAGE_SIZE + " tenants, not " + limit);
        }
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(Keys.TENANT_DIRECTORY_PK).build()))
                .limit(limit + 1);
        if (cursor != null && !cursor.isBlank()) {
            query.exclusiveStartKey(startAfter(cursor));
        }
        // one more than asked tells whether there is a next page, so the last page never comes back empty
        List<TenantItem> entries = Storage.call(
                "list tenants",
                () -> table.index(TableDefinition.GSI1.name()).query(query.build()).stream()
                        .flatMap(page -> page.items().stream())
                        .limit(limit + 1L)
                        .toList());
        // the directory copies a tenant's status only (gsi1's projection): the tenants themselves are read by key
        List<Tenant> found = ItemsByKey.read(storage, TenantItem.SCHEMA, entries).stream()
                .map(TenantItem::toTenant)
                .toList();
        if (found.size() <= limit) {
            return new Page<Tenant>(found, null);
        }
        List<Tenant> page = found.subList(0, limit);
        return new Page<Tenant>(List.copyOf(page), cursorAfter(page.getLast()));
    }

    /** The cursor is the directory sort key of the last tenant shown, so a changed cursor only moves in the directory. */
    private static String cursorAfter(Tenant last) {
        byte[] sortKey = Keys.tenantDirectorySk(last.name(), last.id()).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey);
    }

    private static Map<String, AttributeValue> startAfter(String cursor) {
        try {
            String sortKey = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            TenantId id = new TenantId(sortKey.substring(sortKey.lastIndexOf('#') + 1));
            return Map.of(
                    TableDefinition.PK,
                    AttributeValue.fromS(Keys.tenantPk(id)),
                    TableDefinition.SK,
                    AttributeValue.fromS(Keys.TENANT_SK),
                    TableDefinition.GSI1.partitionKey(),
                    AttributeValue.fromS(Keys.TENANT_DIRECTORY_PK),
                    TableDefinition.GSI1.sortKey(),
                    AttributeValue.fromS(sortKey));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid tenant page cursor", e);
        }
    }

    /** The stored form of a tenant. */
    static final class TenantItem extends IndexedItem {
        static final TableSchema<TenantItem> SCHEMA = StaticTableSchema.builder(TenantItem.class)
                .newItemSupplier(TenantItem::new)
                .extend(IndexedItem.KEYS)
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
            item.setGsi1pk(Keys.TENANT_DIRECTORY_PK);
            item.setGsi1sk(Keys.tenantDirectorySk(tenant.name(), tenant.id()));
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
