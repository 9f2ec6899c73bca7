package dev.formbridge.delivery;

import dev.formbridge.connector.ConnectorId;
import dev.formbridge.site.SiteId;
import dev.formbridge.storage.IndexedItem;
import dev.formbridge.storage.ItemsByKey;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableDefinition;
import dev.formbridge.submission.DeliveryRecords;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
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
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Stores deliveries: one item per submission and connector, created conditionally (idempotent routing), updated once
 * per attempt with a condition on the attempt count (a duplicated job cannot record the same attempt twice). A
 * delivery's dead letter is keyed by its connector and id, so erasure finds it from the delivery, without reading the
 * tenant's dead-letter list. Each connector's dead letters are also counted ({@code DeadLetterCounts}), so a
 * growing list is noticed without listing it: the worker counts what it adds, removals here count down.
 */
public final class DeliveryRepository implements DeliveryRecords {
    private static final Logger log = LoggerFactory.getLogger(DeliveryRepository.class);

    private final DynamoDbTable<DeliveryItem> table;
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final DeadLetterCounts deadLetterCounts;
    private final Storage storage;

    public DeliveryRepository(Storage storage) {
        this.storage = storage;
        this.table = storage.table(DeliveryItem.SCHEMA);
        this.dynamo = storage.dynamo();
        this.tableName = storage.tableName();
        this.deadLetterCounts = new DeadLetterCounts(storage);
    }

    /** Stores {@code delivery} unless one exists for its submission and connector; true if it was stored. */
    public boolean createIfAbsent(Delivery delivery) {
        PutItemEnhancedRequest<DeliveryItem> put = PutItemEnhancedRequest.builder(DeliveryItem.class)
                .item(DeliveryItem.from(delivery))
                .conditionExpression(Expression.builder()
                        .expression("attribute_not_exists(pk)")
                        .build())
                .build();
        try {
            Storage.run("create delivery", () -> table.putItem(put));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    public Optional<Delivery> find(TenantId tenantId, SubmissionId submissionId, ConnectorId connectorId) {
        Key key = Key.builder()
                .partitionValue(Keys.deliveriesPk(tenantId, submissionId))
                .sortValue(Keys.deliverySk(connectorId))
                .build();
        return Optional.ofNullable(Storage.call(
                        "read delivery", () -> table.getItem(r -> r.key(key).consistentRead(true))))
                .map(DeliveryItem::toDelivery);
    }

    /** All deliveries of one submission (one per matching connector). */
    public List<Delivery> ofSubmission(TenantId tenantId, SubmissionId submissionId) {
        QueryConditional all = QueryConditional.keyEqualTo(Key.builder()
                .partitionValue(Keys.deliveriesPk(tenantId, submissionId))
                .build());
        return Storage.call(
                "list deliveries",
                () -> table.query(r -> r.queryConditional(all).consistentRead(true)).items().stream()
                        .map(DeliveryItem::toDelivery)
                        .toList());
    }

    /**
     * A connector's deliveries created since {@code since}, oldest first: their keys from the connector index (gsi2,
     * keys only, so an attempt never writes to it), the deliveries from the table.
     */
    public List<Delivery> ofConnectorSince(TenantId tenantId, ConnectorId connectorId, Instant since) {
        QueryConditional range = QueryConditional.sortGreaterThanOrEqualTo(Key.builder()
                .partitionValue(Keys.deliveriesByConnectorPk(tenantId, connectorId))
                .sortValue(Keys.sortableTime(since))
                .build());
        List<DeliveryItem> entries = Storage.call(
                "list connector deliveries",
                () -> table.index(TableDefinition.GSI2.name()).query(r -> r.queryConditional(range)).stream()
                        .flatMap(page -> page.items().stream())
                        .toList());
        return ItemsByKey.read(storage, DeliveryItem.SCHEMA, entries).stream()
                .map(DeliveryItem::toDelivery)
                .toList();
    }

    /**
     * Appends {@code attempt} and sets the new status, if nobody recorded attempt number {@code attempt.number()}
     * before; false when someone did (a duplicated job), in which case nothing changed.
     */
    public boolean recordAttempt(Delivery delivery, Attempt attempt, DeliveryStatus status) {
        Map<String, String> names = Map.of(
                "#status", "status", "#attempts", "attempts", "#count", "attemptCount", "#next", "nextAttemptAt");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":attempt", AttributeValue.fromL(List.of(AttributeValue.fromM(attemptMap(attempt)))));
        values.put(":empty", AttributeValue.fromL(List.of()));
        values.put(":status", AttributeValue.fromS(status.name()));
        values.put(":count", AttributeValue.fromN(Integer.toString(attempt.number())));
        values.put(":expected", AttributeValue.fromN(Integer.toString(attempt.number() - 1)));
        values.put(
                ":next",
                attempt.nextAttemptAt() == null
                        ? AttributeValue.fromNul(true)
                        : AttributeValue.fromS(attempt.nextAttemptAt().toString()));
        try {
            Storage.run(
                    "record attempt",
                    () -> dynamo.updateItem(b -> b.tableName(tableName)
                            .key(key(delivery))
                            .updateExpression(
                                    "SET #attempts = list_append(if_not_exists(#attempts, :empty), :attempt), "
                                            + "#status = :status, #count = :count, #next = :next")
                            .conditionExpression("#count = :expected")
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            return false;
        }
    }

    /** The attributes a replay sets and puts back, and the attempt count both check. */
    private static final Map<String, String> REPLAY_NAMES =
            Map.of("#status", "status", "#next", "nextAttemptAt", "#base", "retryBase", "#count", "attemptCount");

    /**
     * Sets a delivery back to pending for a replay, with a fresh retry budget; its id and attempts stay. False when it
     * changed since it was read (another replay or a worker got there first).
     */
    public boolean markPending(Delivery delivery, Instant nextAttemptAt) {
        try {
            Storage.run(
                    "replay delivery",
                    () -> dynamo.updateItem(b -> b.tableName(tableName)
                            .key(key(delivery))
                            .updateExpression("SET #status = :status, #next = :next, #base = :count")
                            .conditionExpression("#count = :count AND #status = :was")
                            .expressionAttributeNames(REPLAY_NAMES)
                            .expressionAttributeValues(Map.of(
                                    ":status", AttributeValue.fromS(DeliveryStatus.PENDING.name()),
                                    ":was",
                                            AttributeValue.fromS(
                                                    delivery.status().name()),
                                    ":count", AttributeValue.fromN(Integer.toString(delivery.attemptCount())),
                                    ":next", AttributeValue.fromS(nextAttemptAt.toString())))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /**
     * Undoes {@link #markPending} when the replay could not queue the delivery: its status, next attempt and retry base
     * as {@code before} had them. False when it is no longer as that replay left it (a worker attempted it meanwhile).
     */
    public boolean revertPending(Delivery before, Instant markedNextAttemptAt) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", AttributeValue.fromS(before.status().name()));
        values.put(
                ":next",
                before.nextAttemptAt() == null
                        ? AttributeValue.fromNul(true)
                        : AttributeValue.fromS(before.nextAttemptAt().toString()));
        values.put(":base", AttributeValue.fromN(Integer.toString(before.retryBase())));
        values.put(":pending", AttributeValue.fromS(DeliveryStatus.PENDING.name()));
        values.put(":count", AttributeValue.fromN(Integer.toString(before.attemptCount())));
        values.put(":marked", AttributeValue.fromS(markedNextAttemptAt.toString()));
        try {
            Storage.run(
                    "revert replay",
                    () -> dynamo.updateItem(b -> b.tableName(tableName)
                            .key(key(before))
                            .updateExpression("SET #status = :status, #next = :next, #base = :base")
                            .conditionExpression("#status = :pending AND #count = :count AND #next = :marked")
                            .expressionAttributeNames(REPLAY_NAMES)
                            .expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /**
     * Puts a failed delivery on the tenant's dead-letter list (written only on failure). Returns whether it is new
     * there (false when it replaced the same delivery's dead letter).
     */
    public boolean addDeadLetter(Delivery delivery, Instant at, String reason) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(Keys.deadLettersPk(delivery.tenantId())));
        item.put("sk", AttributeValue.fromS(deadLetterSk(delivery)));
        item.put("deliveryId", AttributeValue.fromS(delivery.id().value()));
        item.put("submissionId", AttributeValue.fromS(delivery.submissionId().value()));
        item.put("connectorId", AttributeValue.fromS(delivery.connectorId().value()));
        item.put("at", AttributeValue.fromS(at.toString()));
        item.put("reason", AttributeValue.fromS(reason == null ? "" : reason));
        item.put(
                TableDefinition.TTL,
                AttributeValue.fromN(Long.toString(delivery.expiresAt().getEpochSecond())));
        PutItemResponse put = Storage.call(
                "add dead letter",
                () -> dynamo.putItem(b -> b.tableName(tableName).item(item).returnValues(ReturnValue.ALL_OLD)));
        return !put.hasAttributes() || put.attributes().isEmpty();
    }

    /** Takes a delivery off the dead-letter list (after a replay); true if it was there. */
    public boolean removeDeadLetter(Delivery delivery) {
        if (deleteExisting("remove dead letter", deadLetterKey(delivery))) {
            uncount(delivery);
            return true;
        }
        return false;
    }

    /**
     * Puts back the dead letter {@link #removeDeadLetter} took off for a replay that could not be queued, as the worker
     * wrote it: at the delivery's last attempt, with its error, counted again.
     */
    public void restoreDeadLetter(Delivery delivery) {
        Attempt last = delivery.attempts().getLast();
        if (addDeadLetter(delivery, last.at(), last.error())) {
            try {
                deadLetterCounts.add(delivery.tenantId(), delivery.connectorId());
            } catch (RuntimeException e) {
                log.warn("the dead letters of {} were not counted", delivery.connectorId(), e);
            }
        }
    }

    /** Keeps the connector's dead-letter count in step with the list; the count is advisory, so a failure is logged. */
    private void uncount(Delivery delivery) {
        try {
            deadLetterCounts.subtract(delivery.tenantId(), delivery.connectorId());
        } catch (RuntimeException e) {
            log.warn("the dead letters of {} were not counted down", delivery.connectorId(), e);
        }
    }

    /** A dead letter: which delivery of which submission to which connector failed, when and why. */
    public record DeadLetter(
            DeliveryId deliveryId, SubmissionId submissionId, ConnectorId connectorId, Instant at, String reason) {}

    /** The tenant's dead letters, by connector. */
    public List<DeadLetter> deadLetters(TenantId tenantId) {
        return Storage.call(
                        "list dead letters",
                        () -> dynamo.query(b -> b.tableName(tableName)
                                .keyConditionExpression("pk = :pk")
                                .consistentRead(true)
                                .expressionAttributeValues(
                                        Map.of(":pk", AttributeValue.fromS(Keys.deadLettersPk(tenantId))))))
                .items()
                .stream()
                .map(row -> new DeadLetter(
                        new DeliveryId(row.get("deliveryId").s()),
                        new SubmissionId(row.get("submissionId").s()),
                        new ConnectorId(row.get("connectorId").s()),
                        Instant.parse(row.get("at").s()),
                        row.get("reason").s()))
                .toList();
    }

    /**
     * Erases the deliveries of a submission and their dead letters (a personal-data request): per delivery, its dead
     * letter first, then the delivery, so a retry after a failure still finds the dead letter through its delivery.
     */
    @Override
    public Removed eraseOf(TenantId tenantId, SubmissionId submissionId) {
        int deliveries = 0;
        int deadLetters = 0;
        for (Delivery delivery : ofSubmission(tenantId, submissionId)) {
            if (deleteExisting("erase dead letter", deadLetterKey(delivery))) {
                deadLetters++;
                uncount(delivery);
            }
            if (deleteExisting("erase delivery", key(delivery))) {
                deliveries++;
            }
        }
        return new Removed(deliveries, deadLetters);
    }

    /** Deletes one item; true if it was there. */
    private boolean deleteExisting(String what, Map<String, AttributeValue> key) {
        DeleteItemResponse deleted = Storage.call(
                what,
                () -> dynamo.deleteItem(b -> b.tableName(tableName).key(key).returnValues(ReturnValue.ALL_OLD)));
        return deleted.hasAttributes() && !deleted.attributes().isEmpty();
    }

    private static String deadLetterSk(Delivery delivery) {
        return Keys.deadLetterSk(delivery.connectorId(), delivery.id().value());
    }

    private static Map<String, AttributeValue> deadLetterKey(Delivery delivery) {
        return Map.of(
                "pk", AttributeValue.fromS(Keys.deadLettersPk(delivery.tenantId())),
                "sk", AttributeValue.fromS(deadLetterSk(delivery)));
    }

    private static Map<String, AttributeValue> key(Delivery delivery) {
        return Map.of(
                "pk", AttributeValue.fromS(Keys.deliveriesPk(delivery.tenantId(), delivery.submissionId())),
                "sk", AttributeValue.fromS(Keys.deliverySk(delivery.connectorId())));
    }

    private static Map<String, AttributeValue> attemptMap(Attempt attempt) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("number", AttributeValue.fromN(Integer.toString(attempt.number())));
        map.put("at", AttributeValue.fromS(attempt.at().toString()));
        map.put("statusCode", AttributeValue.fromN(Integer.toString(attempt.statusCode())));
        map.put(
                "durationMillis",
                AttributeValue.fromN(Long.toString(attempt.duration().toMillis())));
        if (attempt.error() != null) {
            map.put("error", AttributeValue.fromS(attempt.error()));
        }
        if (attempt.nextAttemptAt() != null) {
            map.put(
                    "nextAttemptAt",
                    AttributeValue.fromS(attempt.nextAttemptAt().toString()));
        }
        return map;
    }

    /** The stored form of an attempt (a document inside the delivery). */
    static final class AttemptItem {
        static final TableSchema<AttemptItem> SCHEMA = StaticTableSchema.builder(AttemptItem.class)
                .newItemSupplier(AttemptItem::new)
                .addAttribute(
                        Integer.class,
                        a -> a.name("number").getter(i -> i.number).setter((i, v) -> i.number = v))
                .addAttribute(Instant.class, a -> a.name("at").getter(i -> i.at).setter((i, v) -> i.at = v))
                .addAttribute(
                        Integer.class,
                        a -> a.name("statusCode").getter(i -> i.statusCode).setter((i, v) -> i.statusCode = v))
                .addAttribute(
                        Long.class,
                        a -> a.name("durationMillis")
                                .getter(i -> i.durationMillis)
                                .setter((i, v) -> i.durationMillis = v))
                .addAttribute(
                        String.class, a -> a.name("error").getter(i -> i.error).setter((i, v) -> i.error = v))
                .addAttribute(
                        Instant.class,
                        a -> a.name("nextAttemptAt")
                                .getter(i -> i.nextAttemptAt)
                                .setter((i, v) -> i.nextAttemptAt = v))
                .build();

        private Integer number;
        private Instant at;
        private Integer statusCode;
        private Long durationMillis;
        private String error;
        private Instant nextAttemptAt;

        static AttemptItem from(Attempt a) {
            AttemptItem item = new AttemptItem();
            item.number = a.number();
            item.at = a.at();
            item.statusCode = a.statusCode();
            item.durationMillis = a.duration().toMillis();
            item.error = a.error();
            item.nextAttemptAt = a.nextAttemptAt();
            return item;
        }

        Attempt toAttempt() {
            return new Attempt(number, at, statusCode, Duration.ofMillis(durationMillis), error, nextAttemptAt);
        }
    }

    /** The stored form of a delivery. */
    static final class DeliveryItem extends IndexedItem {
        static final TableSchema<DeliveryItem> SCHEMA = StaticTableSchema.builder(DeliveryItem.class)
                .newItemSupplier(DeliveryItem::new)
                .extend(IndexedItem.KEYS)
                .addAttribute(
                        String.class,
                        a -> a.name("tenantId").getter(i -> i.tenantId).setter((i, v) -> i.tenantId = v))
                .addAttribute(
                        String.class,
                        a -> a.name("deliveryId").getter(i -> i.deliveryId).setter((i, v) -> i.deliveryId = v))
                .addAttribute(
                        String.class,
                        a -> a.name("submissionId").getter(i -> i.submissionId).setter((i, v) -> i.submissionId = v))
                .addAttribute(
                        String.class,
                        a -> a.name("siteId").getter(i -> i.siteId).setter((i, v) -> i.siteId = v))
                .addAttribute(
                        String.class,
                        a -> a.name("webhookId").getter(i -> i.webhookId).setter((i, v) -> i.webhookId = v))
                .addAttribute(
                        String.class,
                        a -> a.name("connectorId").getter(i -> i.connectorId).setter((i, v) -> i.connectorId = v))
                .addAttribute(
                        String.class,
                        a -> a.name("status").getter(i -> i.status).setter((i, v) -> i.status = v))
                .addAttribute(
                        Integer.class,
                        a -> a.name("attemptCount").getter(i -> i.attemptCount).setter((i, v) -> i.attemptCount = v))
                .addAttribute(
                        EnhancedType.listOf(EnhancedType.documentOf(AttemptItem.class, AttemptItem.SCHEMA)),
                        a -> a.name("attempts").getter(i -> i.attempts).setter((i, v) -> i.attempts = v))
                .addAttribute(
                        Instant.class,
                        a -> a.name("createdAt").getter(i -> i.createdAt).setter((i, v) -> i.createdAt = v))
                .addAttribute(
                        Instant.class,
                        a -> a.name("nextAttemptAt")
                                .getter(i -> i.nextAttemptAt)
                                .setter((i, v) -> i.nextAttemptAt = v))
                .addAttribute(
                        Integer.class,
                        a -> a.name("retryBase").getter(i -> i.retryBase).setter((i, v) -> i.retryBase = v))
                .addAttribute(
                        Long.class,
                        a -> a.name(TableDefinition.TTL)
                                .getter(i -> i.expiresAt)
                                .setter((i, v) -> i.expiresAt = v))
                .build();
        private String tenantId;
        private String deliveryId;
        private String submissionId;
        private String siteId;
        private String webhookId;
        private String connectorId;
        private String status;
        private Integer attemptCount;
        private List<AttemptItem> attempts;
        private Instant createdAt;
        private Instant nextAttemptAt;
        private Integer retryBase;
        private Long expiresAt;

        static DeliveryItem from(Delivery d) {
            DeliveryItem item = new DeliveryItem();
            item.setPk(Keys.deliveriesPk(d.tenantId(), d.submissionId()));
            item.setSk(Keys.deliverySk(d.connectorId()));
            // in the keys-only index alone: an attempt (status, attempts) changes no indexed attribute
            item.setGsi2pk(Keys.deliveriesByConnectorPk(d.tenantId(), d.connectorId()));
            item.setGsi2sk(Keys.sortableTime(d.createdAt()) + "#" + d.id().value());
            item.tenantId = d.tenantId().value();
            item.deliveryId = d.id().value();
            item.submissionId = d.submissionId().value();
            item.siteId = d.siteId().value();
            item.webhookId = d.webhookId();
            item.connectorId = d.connectorId().value();
            item.status = d.status().name();
            item.attemptCount = d.attemptCount();
            item.attempts = d.attempts().stream().map(AttemptItem::from).toList();
            item.createdAt = d.createdAt();
            item.nextAttemptAt = d.nextAttemptAt();
            item.retryBase = d.retryBase();
            item.expiresAt = d.expiresAt().getEpochSecond();
            return item;
        }

        Delivery toDelivery() {
            return new Delivery(
                    new TenantId(tenantId),
                    new DeliveryId(deliveryId),
                    new SubmissionId(submissionId),
                    new SiteId(siteId),
                    webhookId,
                    new ConnectorId(connectorId),
                    DeliveryStatus.valueOf(status),
                    attempts == null
                            ? List.of()
                            : attempts.stream().map(AttemptItem::toAttempt).toList(),
                    createdAt,
                    nextAttemptAt,
                    retryBase == null ? 0 : retryBase,
                    Instant.ofEpochSecond(expiresAt));
        }
    }
}
