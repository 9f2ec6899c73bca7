package dev.formbridge.submission;

import dev.formbridge.site.SiteId;
import dev.formbridge.storage.IndexedItem;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Page;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableDefinition;
import dev.formbridge.tenant.TenantId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Stores submissions. The item key is the sender's webhook-id under its site, so a single conditional put both stores
 * a submission and refuses a second copy: no transaction, no separate idempotency record, one write per submission.
 * Listings read the time index (newest first, see {@code SubmissionListing}); so does the detail, at the one key its
 * id names (the id carries the received time; ADR 0023), so a submission writes one index entry, not two.
 */
public final class SubmissionRepository {
    /** The most items one page may ask for. */
    public static final int MAX_PAGE_SIZE = 100;

    private final DynamoDbTable<SubmissionItem> table;
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final SubmissionListing listing;
    private final Storage storage;

    public SubmissionRepository(Storage storage) {
        this.table = storage.table(SubmissionItem.SCHEMA);
        this.dynamo = storage.dynamo();
        this.tableName = storage.tableName();
        this.listing = new SubmissionListing(storage);
        this.storage = storage;
    }

    /**
     * Stores {@code submission} unless its site already has one with the same webhook-id; true if it was stored.
     *
     * @throws IllegalArgumentException if its id does not carry its received time ({@link SubmissionId#receivedAt}):
     *     it could not be found by id
     */
    public boolean insertIfAbsent(Submission submission) {
        PutItemEnhancedRequest<SubmissionItem> put = PutItemEnhancedRequest.builder(SubmissionItem.class)
                .item(SubmissionItem.from(submission))
                .conditionExpression(Expression.builder()
                        .expression("attribute_not_exists(pk)")
                        .build())
                .build();
        try {
            Storage.run("store submission", () -> table.putItem(put));
            return true;
        } catch (ConditionalCheckFailedException duplicate) {
            return false;
        }
    }

    /** The submission a site sent under {@code webhookId} (strongly consistent: right after a lost race it is there). */
    public Optional<Submission> findByWebhookId(TenantId tenantId, SiteId siteId, String webhookId) {
        Key key = Key.builder()
                .partitionValue(Keys.submissionPk(tenantId, siteId, webhookId))
                .sortValue(Keys.SUBMISSION_SK)
                .build();
        return Optional.ofNullable(Storage.call(
                        "read submission", () -> table.getItem(r -> r.key(key).consistentRead(true))))
                .map(SubmissionItem::toSubmission);
    }

    /**
     * A tenant's submission by its id: its keys from the time index, at the exact key the id names (the index is
     * eventually consistent), then the item from the table.
     */
    public Optional<Submission> findById(TenantId tenantId, SubmissionId id) {
        QueryConditional byId = QueryConditional.keyEqualTo(Key.builder()
                .partitionValue(Keys.submissionsByTimePk(tenantId))
                .sortValue(Keys.submissionsByTimeSk(id))
                .build());
        return Storage.call(
                        "find submission",
                        () ->
                                table
                                        .index(TableDefinition.GSI1.name())
                                        .query(r -> r.queryConditional(byId).limit(1))
                                        .stream()
                                        .flatMap(page -> page.items().stream())
                                        .findFirst())
                .flatMap(indexed -> Optional.ofNullable(Storage.call(
                        "read submission",
                        () -> table.getItem(r -> r.key(Key.builder()
                                        .partitionValue(indexed.getPk())
                                        .sortValue(indexed.getSk())
                                        .build())
                                .consistentRead(true)))))
                .map(SubmissionItem::toSubmission);
    }

    /**
     * One page of the tenant's submissions that match {@code query}, newest first, without payloads. {@code cursor} is
     * {@code null} for the first page, else the previous page's {@link Page#nextCursor()}. Reads the time index only
     * (no scan); a filter that matches few submissions costs more reads, not a shorter page.
     *
     * @throws IllegalArgumentException if {@code limit} is not 1..{@value #MAX_PAGE_SIZE}, or the cursor is malformed,
     *     belongs to another tenant or lies outside the query's time range
     */
    public Page<SubmissionSummary> page(TenantId tenantId, SubmissionQuery query, String cursor, int limit) {
        checkLimit(limit);
        return listing.page(tenantId, query, cursor, limit, false, SubmissionItem::toSummary);
    }

    /** Like {@link #page}, with whole submissions (payload included): for exports, in small pages. */
    public Page<Submission> pageWithPayloads(TenantId tenantId, SubmissionQuery query, String cursor, int limit) {
        checkLimit(limit);
        return listing.page(tenantId, query, cursor, limit, true, SubmissionItem::toSubmission);
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("a page has 1 to " + MAX_PAGE_SIZE + " items, not " + limit);
        }
    }

    /** Deletes a stored submission (its index entries go with it); true if it was there. Safe to repeat. */
    public boolean delete(Submission submission) {
        DeleteItemResponse deleted = Storage.call(
                "erase submission",
                () -> dynamo.deleteItem(
                        b -> b.tableName(tableName).key(key(submission)).returnValues(ReturnValue.ALL_OLD)));
        return deleted.hasAttributes() && !deleted.attributes().isEmpty();
    }

    /**
     * Marks a stored submission whose event could not be published {@code PUBLISH_PENDING} and puts it in the
     * platform-wide sweep index ({@link Keys#PUBLISH_PENDING_PK}), so it is routed even if its sender never retries
     * (ADR 0004). One small update, only on that failure.
     *
     * @throws ConditionalCheckFailedException if no item with this submission's id is stored under its key
     */
    public void markPublishPending(Submission submission, Instant at) {
        Storage.run(
                "mark submission publish-pending",
                () -> dynamo.updateItem(b -> b.tableName(tableName)
                        .key(key(submission))
                        .updateExpression("SET #status = :status, #g2pk = :g2pk, #g2sk = :g2sk")
                        .conditionExpression("#id = :id")
                        .expressionAttributeNames(withName(STATUS_AND_SWEEP_KEYS, "#id", "submissionId"))
                        .expressionAttributeValues(Map.of(
                                ":status",
                                AttributeValue.fromS(SubmissionStatus.PUBLISH_PENDING.name()),
                                ":g2pk",
                                AttributeValue.fromS(Keys.PUBLISH_PENDING_PK),
                                ":g2sk",
                                AttributeValue.fromS(Keys.publishPendingSk(at)),
                                ":id",
                                AttributeValue.fromS(submission.id().value())))));
    }

    /** Marks a submission whose event went out after all {@code ACCEPTED}, and takes it out of the sweep index. */
    public void markPublished(Submission submission) {
        Storage.run(
                "mark submission published",
                () -> dynamo.updateItem(b -> b.tableName(tableName)
                        .key(key(submission))
                        .updateExpression("SET #status = :status REMOVE #g2pk, #g2sk")
                        .conditionExpression("attribute_exists(pk)")
                        .expressionAttributeNames(STATUS_AND_SWEEP_KEYS)
                        .expressionAttributeValues(
                                Map.of(":status", AttributeValue.fromS(SubmissionStatus.ACCEPTED.name())))));
    }

    /** The names both sweep-index updates set or remove: the status and the index's keys. */
    private static final Map<String, String> STATUS_AND_SWEEP_KEYS = Map.of(
            "#status", "status", "#g2pk", TableDefinition.GSI2.partitionKey(), "#g2sk", TableDefinition.GSI2.sortKey());

    private static Map<String, String> withName(Map<String, String> names, String placeholder, String name) {
        Map<String, String> all = new java.util.HashMap<>(names);
        all.put(placeholder, name);
        return all;
    }

    /**
     * Up to {@code limit} submissions of any tenant marked {@code PUBLISH_PENDING} before {@code markedBefore}, oldest
     * first (the portal's sweep; the index is eventually consistent, so each is re-read and kept only while still
     * pending).
     */
    public List<Submission> publishPending(Instant markedBefore, int limit) {
        QueryConditional before = QueryConditional.sortLessThan(Key.builder()
                .partitionValue(Keys.PUBLISH_PENDING_PK)
                .sortValue(Keys.publishPendingSk(markedBefore))
                .build());
        List<SubmissionItem> keys = Storage.call(
                "find publish-pending submissions",
                () ->
                        table
                                .index(TableDefinition.GSI2.name())
                                .query(r -> r.queryConditional(before).limit(limit))
                                .stream()
                                .limit(1)
                                .flatMap(page -> page.items().stream())
                                .toList());
        List<Submission> pending = new ArrayList<>();
        for (SubmissionItem indexed : keys) {
            SubmissionItem item = Storage.call(
                    "read submission",
                    () -> table.getItem(r -> r.key(Key.builder()
                                    .partitionValue(indexed.getPk())
                                    .sortValue(indexed.getSk())
                                    .build())
                            .consistentRead(true)));
            if (item != null && SubmissionStatus.PUBLISH_PENDING.name().equals(item.status)) {
                pending.add(item.toSubmission());
            }
        }
        return pending;
    }

    private static Map<String, AttributeValue> key(Submission submission) {
        return Map.of(
                TableDefinition.PK,
                AttributeValue.fromS(
                        Keys.submissionPk(submission.tenantId(), submission.siteId(), submission.webhookId())),
                TableDefinition.SK,
                AttributeValue.fromS(Keys.SUBMISSION_SK));
    }

    /** The stored form of a submission. */
    static final class SubmissionItem extends IndexedItem {
        static final TableSchema<SubmissionItem> SCHEMA = StaticTableSchema.builder(SubmissionItem.class)
                .newItemSupplier(SubmissionItem::new)
                .extend(IndexedItem.KEYS)
                .addAttribute(
                        String.class,
                        a -> a.name("tenantId").getter(i -> i.tenantId).setter((i, v) -> i.tenantId = v))
                .addAttribute(
                        String.class,
                        a -> a.name("siteId").getter(i -> i.siteId).setter((i, v) -> i.siteId = v))
                .addAttribute(
                        String.class,
                        a -> a.name("submissionId").getter(i -> i.submissionId).setter((i, v) -> i.submissionId = v))
                .addAttribute(
                        String.class,
                        a -> a.name("webhookId").getter(i -> i.webhookId).setter((i, v) -> i.webhookId = v))
                .addAttribute(
                        String.class,
                        a -> a.name("formId").getter(i -> i.formId).setter((i, v) -> i.formId = v))
                .addAttribute(
                        String.class,
                        a -> a.name("payload").getter(i -> i.payload).setter((i, v) -> i.payload = v))
                .addAttribute(
                        Integer.class,
                        a -> a.name("sizeBytes").getter(i -> i.sizeBytes).setter((i, v) -> i.sizeBytes = v))
                .addAttribute(
                        Instant.class,
                        a -> a.name("receivedAt").getter(i -> i.receivedAt).setter((i, v) -> i.receivedAt = v))
                .addAttribute(
                        String.class,
                        a -> a.name("status").getter(i -> i.status).setter((i, v) -> i.status = v))
                .addAttribute(
                        Long.class,
                        a -> a.name(TableDefinition.TTL)
                                .getter(i -> i.expiresAt)
                                .setter((i, v) -> i.expiresAt = v))
                .build();
        private String tenantId;
        private String siteId;
        private String submissionId;
        private String webhookId;
        private String formId;
        private String payload;
        private Integer sizeBytes;
        private Instant receivedAt;
        private String status;
        private Long expiresAt;

        static SubmissionItem from(Submission s) {
            if (!s.id().receivedAt().equals(s.receivedAt().truncatedTo(ChronoUnit.MILLIS))) {
                throw new IllegalArgumentException("submission " + s.id() + " does not carry its received time "
                        + s.receivedAt() + ": create its id with SubmissionId.receivedAt");
            }
            SubmissionItem item = new SubmissionItem();
            item.setPk(Keys.submissionPk(s.tenantId(), s.siteId(), s.webhookId()));
            item.setSk(Keys.SUBMISSION_SK);
            item.setGsi1pk(Keys.submissionsByTimePk(s.tenantId()));
            item.setGsi1sk(Keys.submissionsByTimeSk(s.id()));
            item.tenantId = s.tenantId().value();
            item.siteId = s.siteId().value();
            item.submissionId = s.id().value();
            item.webhookId = s.webhookId();
            item.formId = s.formId();
            item.payload = s.payload();
            item.sizeBytes = s.sizeBytes();
            item.receivedAt = s.receivedAt();
            item.status = s.status().name();
            item.expiresAt = s.expiresAt().getEpochSecond();
            return item;
        }

        SubmissionSummary toSummary() {
            return new SubmissionSummary(
                    new SubmissionId(submissionId),
                    new SiteId(siteId),
                    formId,
                    SubmissionStatus.valueOf(status),
                    receivedAt,
                    sizeBytes);
        }

        Submission toSubmission() {
            return new Submission(
                    new TenantId(tenantId),
                    new SiteId(siteId),
                    new SubmissionId(submissionId),
                    webhookId,
                    formId,
                    payload,
                    sizeBytes,
                    receivedAt,
                    SubmissionStatus.valueOf(status),
                    Instant.ofEpochSecond(expiresAt));
        }
    }
}
