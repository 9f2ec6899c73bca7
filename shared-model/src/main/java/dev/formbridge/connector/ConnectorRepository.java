package dev.formbridge.connector;

import dev.formbridge.secret.EncryptedSecret;
import dev.formbridge.secret.SecretVersionItem;
import dev.formbridge.storage.ConcurrentModificationException;
import dev.formbridge.storage.KeyedItem;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Stores a tenant's connectors under one partition, so the router reads all of them with one query. */
public final class ConnectorRepository {
    private final DynamoDbTable<ConnectorItem> table;

    public ConnectorRepository(Storage storage) {
        this.table = storage.table(ConnectorItem.SCHEMA);
    }

    /**
     * Creates or changes a connector, conditional on the lock version it was read with; returns it with the version
     * now stored, so the next change made from it (say, a form loaded from it) passes the check.
     */
    public Connector save(Connector connector) {
        ConnectorItem item = ConnectorItem.from(connector);
        try {
            Storage.run("save connector", () -> table.putItem(item));
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentModificationException("connector " + connector.id());
        }
        item.version = connector.version() + 1; // what the versioned-record extension wrote
        return item.toConnector();
    }

    public Optional<Connector> find(TenantId tenantId, ConnectorId id) {
        Key key = Key.builder()
                .partitionValue(Keys.connectorsPk(tenantId))
                .sortValue(Keys.connectorSk(id))
                .build();
        return Optional.ofNullable(Storage.call(
                        "read connector", () -> table.getItem(r -> r.key(key).consistentRead(true))))
                .map(ConnectorItem::toConnector);
    }

    /** All connectors of a tenant (one query). */
    public List<Connector> list(TenantId tenantId) {
        QueryConditional all = QueryConditional.keyEqualTo(
                Key.builder().partitionValue(Keys.connectorsPk(tenantId)).build());
        return Storage.call(
                "list connectors",
                () -> table.query(r -> r.queryConditional(all)).items().stream()
                        .map(ConnectorItem::toConnector)
                        .toList());
    }

    /** The stored form of a connector. */
    static final class ConnectorItem extends KeyedItem {
        static final TableSchema<ConnectorItem> SCHEMA = StaticTableSchema.builder(ConnectorItem.class)
                .newItemSupplier(ConnectorItem::new)
                .extend(KeyedItem.KEYS)
                .addAttribute(
                        String.class,
                        a -> a.name("tenantId").getter(i -> i.tenantId).setter((i, v) -> i.tenantId = v))
                .addAttribute(
                        String.class,
                        a -> a.name("connectorId").getter(i -> i.connectorId).setter((i, v) -> i.connectorId = v))
                .addAttribute(
                        String.class, a -> a.name("type").getter(i -> i.type).setter((i, v) -> i.type = v))
                .addAttribute(
                        String.class, a -> a.name("name").getter(i -> i.name).setter((i, v) -> i.name = v))
                .addAttribute(
                        Boolean.class,
                        a -> a.name("enabled").getter(i -> i.enabled).setter((i, v) -> i.enabled = v))
                .addAttribute(
                        String.class,
                        a -> a.name("disabledReason")
                                .getter(i -> i.disabledReason)
                                .setter((i, v) -> i.disabledReason = v))
                .addAttribute(
                        String.class,
                        a -> a.name("filter").getter(i -> i.filter).setter((i, v) -> i.filter = v))
                .addAttribute(
                        String.class,
                        a -> a.name("template").getter(i -> i.template).setter((i, v) -> i.template = v))
                .addAttribute(
                        String.class,
                        a -> a.name("target").getter(i -> i.target).setter((i, v) -> i.target = v))
                .addAttribute(
                        EnhancedType.listOf(EnhancedType.documentOf(SecretVersionItem.class, SecretVersionItem.SCHEMA)),
                        a -> a.name("signingSecrets")
                                .getter(i -> i.signingSecrets)
                                .setter((i, v) -> i.signingSecrets = v))
                .addAttribute(
                        SdkBytes.class,
                        a -> a.name("headersKey").getter(i -> i.headersKey).setter((i, v) -> i.headersKey = v))
                .addAttribute(
                        SdkBytes.class,
                        a -> a.name("headersIv").getter(i -> i.headersIv).setter((i, v) -> i.headersIv = v))
                .addAttribute(
                        SdkBytes.class,
                        a -> a.name("headers").getter(i -> i.headers).setter((i, v) -> i.headers = v))
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
                        Instant.class,
                        a -> a.name("createdAt").getter(i -> i.createdAt).setter((i, v) -> i.createdAt = v))
                .addAttribute(
                        Integer.class,
                        a -> a.name("revision").getter(i -> i.revision).setter((i, v) -> i.revision = v))
                .addAttribute(
                        String.class,
                        a -> a.name("changedBy").getter(i -> i.changedBy).setter((i, v) -> i.changedBy = v))
                .addAttribute(
                        Instant.class,
                        a -> a.name("changedAt").getter(i -> i.changedAt).setter((i, v) -> i.changedAt = v))
                .addAttribute(
                        Integer.class,
                        a -> a.name("restoredFrom").getter(i -> i.restoredFrom).setter((i, v) -> i.restoredFrom = v))
                .addAttribute(
                        Long.class,
                        a -> a.name("version")
                                .getter(i -> i.version)
                                .setter((i, v) -> i.version = v)
                                .tags(VersionedRecordExtension.AttributeTags.versionAttribute()))
                .build();
        private String tenantId;
        private String connectorId;
        private String type;
        private String name;
        private Boolean enabled;
        private String disabledReason;
        private String filter;
        private String template;
        private String target;
        private List<SecretVersionItem> signingSecrets;
        private SdkBytes headersKey;
        private SdkBytes headersIv;
        private SdkBytes headers;
        private Long timeoutMillis;
        private List<Long> retryDelaysMillis;
        private List<Integer> retryableStatuses;
        private Instant createdAt;
        private Integer revision;
        private String changedBy;
        private Instant changedAt;
        private Integer restoredFrom;
        private Long version;

        static ConnectorItem from(Connector c) {
            ConnectorItem item = new ConnectorItem();
            item.setPk(Keys.connectorsPk(c.tenantId()));
            item.setSk(Keys.connectorSk(c.id()));
            item.tenantId = c.tenantId().value();
            item.connectorId = c.id().value();
            item.type = c.type().name();
            item.name = c.name();
            item.enabled = c.enabled();
            item.disabledReason = c.disabledReason();
            item.filter = c.filter();
            item.template = c.template();
            item.target = c.target();
            item.signingSecrets =
                    c.signingSecrets().stream().map(SecretVersionItem::from).toList();
            if (c.headers() != null) {
                item.headersKey = SdkBytes.fromByteArray(c.headers().wrappedKey());
                item.headersIv = SdkBytes.fromByteArray(c.headers().iv());
                item.headers = SdkBytes.fromByteArray(c.headers().ciphertext());
            }
            item.timeoutMillis = c.timeout().toMillis();
            item.retryableStatuses =
                    c.retryPolicy().retryableClientErrors().stream().sorted().toList();
            item.retryDelaysMillis =
                    c.retryPolicy().delays().stream().map(Duration::toMillis).toList();
            item.createdAt = c.createdAt();
            item.revision = c.revision().number();
            item.changedBy = c.revision().actor();
            item.changedAt = c.revision().at();
            item.restoredFrom = c.revision().restoredFrom();
            item.version = c.version() == 0 ? null : c.version();
            return item;
        }

        Connector toConnector() {
            EncryptedSecret encryptedHeaders = headers == null
                    ? null
                    : new EncryptedSecret(headersKey.asByteArray(), headersIv.asByteArray(), headers.asByteArray());
            return new Connector(
                    new TenantId(tenantId),
                    new ConnectorId(connectorId),
                    ConnectorType.valueOf(type),
                    name,
                    Boolean.TRUE.equals(enabled),
                    disabledReason,
                    filter,
                    template,
                    target,
                    signingSecrets == null
                            ? List.of()
                            : signingSecrets.stream()
                                    .map(SecretVersionItem::toSecretVersion)
                                    .toList(),
                    encryptedHeaders,
                    Duration.ofMillis(timeoutMillis),
                    new RetryPolicy(
                            retryDelaysMillis.stream().map(Duration::ofMillis).toList(),
                            RetryPolicy.DEFAULT_JITTER,
                            retryableStatuses == null
                                    ? RetryPolicy.DEFAULT_RETRYABLE_CLIENT_ERRORS
                                    : java.util.Set.copyOf(retryableStatuses)),
                    createdAt,
                    version == null ? 0 : version,
                    revision == null
                            ? Revision.first(Revision.UNKNOWN_ACTOR, createdAt)
                            : new Revision(revision, changedBy, changedAt, restoredFrom == null ? 0 : restoredFrom));
        }
    }
}
