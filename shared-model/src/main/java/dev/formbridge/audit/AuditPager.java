package dev.formbridge.audit;

import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Page;
import dev.formbridge.storage.Storage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads one page of an {@link AuditListing}, newest first. The time range is a key condition; the other filters are a
 * FilterExpression, which DynamoDB applies after reading, so a query can return fewer matches than asked for: the pager
 * keeps reading until the page is full or the listing ends.
 */
final class AuditPager {
    static final int MAX_LIMIT = 1000;
    /** Items read per query when filtering, so a sparse filter does not cost a round trip per few items. */
    private static final int FILTERED_BATCH = 100;

    private final DynamoDbClient dynamo;
    private final String tableName;

    AuditPager(Storage storage) {
        this.dynamo = storage.dynamo();
        this.tableName = storage.tableName();
    }

    Page<AuditEvent> page(AuditListing listing, AuditQuery query, String cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        Map<String, AttributeValue> start = cursor == null ? null : AuditCursor.decode(listing, cursor);
        List<AuditEvent> found = new ArrayList<>();
        while (true) {
            // one more than needed: if it comes back, the page is known not to be the last
            int batch = Math.max(limit - found.size() + 1, query.filters() ? FILTERED_BATCH : 0);
            QueryRequest request = request(listing, query, start, batch);
            QueryResponse response = Storage.call("list audit events", () -> dynamo.query(request));
            List<Map<String, AttributeValue>> items = response.items();
            boolean end = !response.hasLastEvaluatedKey()
                    || response.lastEvaluatedKey().isEmpty();
            for (int i = 0; i < items.size(); i++) {
                found.add(AuditItems.fromItem(items.get(i)));
                if (found.size() == limit) {
                    boolean nothingAfter = end && i == items.size() - 1;
                    return new Page<>(found, nothingAfter ? null : AuditCursor.encode(listing, items.get(i)));
                }
            }
            if (end) {
                return new Page<>(found, null);
            }
            start = response.lastEvaluatedKey();
        }
    }

    private QueryRequest request(AuditListing listing, AuditQuery query, Map<String, AttributeValue> start, int batch) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", listing.index().partitionKey()));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(listing.partition())));
        String keyCondition = "#pk = :pk" + timeRange(listing, query, names, values);
        List<String> filters = new ArrayList<>();
        if (query.actor() != null) {
            filters.add(condition("contains(#actor, :actor)", "actor", query.actor(), names, values));
        }
        if (query.actionPrefix() != null) {
            filters.add(condition("begins_with(#action, :action)", "action", query.actionPrefix(), names, values));
        }
        if (query.target() != null) {
            filters.add(condition("#target = :target", "target", query.target(), names, values));
        }
        return QueryRequest.builder()
                .tableName(tableName)
                .indexName(listing.index().name())
                .keyConditionExpression(keyCondition)
                .filterExpression(filters.isEmpty() ? null : String.join(" AND ", filters))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .limit(batch)
                .exclusiveStartKey(start)
                .build();
    }

    /** Both sort keys start with the event's sortable time, so "time#…" ≥ from and "time#…" < to select [from, to). */
    private static String timeRange(
            AuditListing listing, AuditQuery query, Map<String, String> names, Map<String, AttributeValue> values) {
        if (query.from() == null && query.to() == null) {
            return "";
        }
        names.put("#sk", listing.index().sortKey());
        if (query.from() != null) {
            values.put(":from", AttributeValue.fromS(Keys.sortableTime(query.from())));
        }
        if (query.to() != null) {
            values.put(":to", AttributeValue.fromS(Keys.sortableTime(query.to())));
        }
        if (query.from() != null && query.to() != null) {
            return " AND #sk BETWEEN :from AND :to"; // "to#…" sorts after "to": events at `to` are excluded
        }
        return query.from() != null ? " AND #sk >= :from" : " AND #sk < :to";
    }

    private static String condition(
            String expression,
            String attribute,
            String value,
            Map<String, String> names,
            Map<String, AttributeValue> values) {
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, AttributeValue.fromS(value));
        return expression;
    }
}
