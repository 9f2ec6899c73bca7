package dev.formbridge.site;

import dev.formbridge.secret.SecretVersionItem;
import dev.formbridge.storage.ConcurrentModificationException;
import dev.formbridge.storage.KeyedItem;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Stores sites with their encrypted secret versions in one item (so a rotation is one conditional write), and the
 * last-used time of each secret version in small separate items that ingest overwrites at most once a minute.
 */
public final class SiteRepository {
    private final DynamoDbTable<SiteItem> table;
    private final DynamoDbClient dynamo;
    private final String tableName;

    public SiteRepository(Storage storage) {
        this.table = storage.table(SiteItem.SCHEMA);
        this.dynamo = storage.dynamo();
        this.tableName = storage.tableName();
    }

    /**
     * Creates or changes a site; fails if the stored version moved on since {@code site} was read. Returns the site
     * with the version now stored, so the next change made from it passes the check.
     */
    public Site save(Site site) {
        SiteItem item = SiteItem.from(site);
        try {
            Storage.run("save site", () -> table.putItem(item));
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentModificationException("site " + site.id());
        }
        item.version = site.version() + 1; // what the versioned-record extension wrote
        return item.toSite();
    }

    /**
     * The site, read strongly consistent (as connectors and members are): a change reads it right before its
     * conditional write, and an eventually consistent read could return the version before the previous change and
     * fail that write with a spurious conflict. Ingest's directory reads through here too, rarely (it caches), and so
     * sees a secret rotated a moment ago.
     */
    public Optional<Site> find(TenantId tenantId, SiteId siteId) {
        Key key = Key.builder()
                .partitionValue(Keys.sitesPk(tenantId))
                .sortValue(Keys.siteSk(siteId))
                .build();
        return Optional.ofNullable(Storage.call(
                        "read site", () -> table.getItem(r -> r.key(key).consistentRead(true))))
                .map(SiteItem::toSite);
    }

    /** The tenant's sites, in the order they were created (one query; the site ids are time-ordered ULIDs). */
    public List<Site> list(TenantId tenantId) {
        QueryConditional sites = QueryConditional.sortBeginsWith(Key.builder()
                .partitionValue(Keys.sitesPk(tenantId))
                .sortValue(Keys.SITE_SK_PREFIX)
                .build());
        return Storage.call(
                "list sites",
                () -> table.query(r -> r.queryConditional(sites).consistentRead(true)).items().stream()
                        .map(SiteItem::toSite)
                        .toList());
    }

    /** Deletes a site and its secret-use records; deleting a deleted site changes nothing. */
    public void delete(TenantId tenantId, SiteId siteId) {
        for (int version : secretLastUsed(tenantId, siteId).keySet()) {
            Map<String, AttributeValue> key = Map.of(
                    "pk", AttributeValue.fromS(Keys.sitesPk(tenantId)),
                    "sk", AttributeValue.fromS(Keys.secretUsageSk(siteId, version)));
            Storage.run(
                    "delete secret use",
                    () -> dynamo.deleteItem(b -> b.tableName(tableName).key(key)));
        }
        Key key = Key.builder()
                .partitionValue(Keys.sitesPk(tenantId))
                .sortValue(Keys.siteSk(siteId))
                .build();
        Storage.run("delete site", () -> table.deleteItem(key));
    }

    /** Records that {@code version} of the site's secret verified a request at {@code at} (an overwrite, no read). */
    public void recordSecretUse(TenantId tenantId, SiteId siteId, int version, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(Keys.sitesPk(tenantId)));
        item.put("sk", AttributeValue.fromS(Keys.secretUsageSk(siteId, version)));
        item.put("lastUsedAt", AttributeValue.fromS(at.toString()));
        Storage.run(
                "record secret use",
                () -> dynamo.putItem(b -> b.tableName(tableName).item(item)));
    }

    /**
     * When each secret version of the site last verified a request, as recorded: the primary's up to an hour behind,
     * the previous one's up to a minute (ADR 0020).
     */
    public Map<Integer, Instant> secretLastUsed(TenantId tenantId, SiteId siteId) {
        String prefix = Keys.secretUsageSk(siteId, 0);
        String begins = prefix.substring(0, prefix.length() - 1);
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(Keys.sitesPk(tenantId)), ":prefix", AttributeValue.fromS(begins)))
                .build();
        Map<Integer, Instant> lastUsed = new HashMap<>();
        Storage.call("read secret use", () -> dynamo.query(query)).items().forEach(row -> {
            String sk = row.get("sk").s();
            lastUsed.put(
                    Integer.parseInt(sk.substring(begins.length())),
                    Instant.parse(row.get("lastUsedAt").s()));
        });
        return lastUsed;
    }

    /** The stored form of a site. */
    static final class SiteItem extends KeyedItem {
        static final TableSchema<SiteItem> SCHEMA = StaticTableSchema.builder(SiteItem.class)
                .newItemSupplier(SiteItem::new)
                .extend(KeyedItem.KEYS)
                .addAttribute(
                        String.class,
                        a -> a.name("tenantId").getter(i -> i.tenantId).setter((i, v) -> i.tenantId = v))
                .addAttribute(
                        String.class,
                        a -> a.name("siteId").getter(i -> i.siteId).setter((i, v) -> i.siteId = v))
                .addAttribute(
                        String.class, a -> a.name("name").getter(i -> i.name).setter((i, v) -> i.name = v))
                .addAttribute(
                        String.class, a -> a.name("url").getter(i -> i.url).setter((i, v) -> i.url = v))
                .addAttribute(
                        String.class,
                        a -> a.name("status").getter(i -> i.status).setter((i, v) -> i.status = v))
                .addAttribute(
                        EnhancedType.listOf(EnhancedType.documentOf(SecretVersionItem.class, SecretVersionItem.SCHEMA)),
                        a -> a.name("secrets").getter(i -> i.secrets).setter((i, v) -> i.secrets = v))
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
        private String siteId;
        private String name;
        private String url;
        private String status;
        private List<SecretVersionItem> secrets;
        private Instant createdAt;
        private Long version;

        static SiteItem from(Site site) {
            SiteItem item = new SiteItem();
            item.setPk(Keys.sitesPk(site.tenantId()));
            item.setSk(Keys.siteSk(site.id()));
            item.tenantId = site.tenantId().value();
            item.siteId = site.id().value();
            item.name = site.name();
            item.url = site.url();
            item.status = site.status().name();
            item.secrets = site.secrets().stream().map(SecretVersionItem::from).toList();
            item.createdAt = site.createdAt();
            item.version = site.version() == 0 ? null : site.version();
            return item;
        }

        Site toSite() {
            return new Site(
                    new TenantId(tenantId),
                    new SiteId(siteId),
                    name,
                    url,
                    SiteStatus.valueOf(status),
                    secrets.stream().map(SecretVersionItem::toSecretVersion).toList(),
                    createdAt,
                    version == null ? 0 : version);
        }
    }
}
