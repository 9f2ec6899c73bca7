package dev.formbridge.audit;

import dev.formbridge.storage.ItemsByKey;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Page;
import dev.formbridge.storage.Storage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads one page of an {@link AuditListing}, newest first. The time range is a key condition; the indexes copy no
 * audit attribute (ADR 0018), so the pager reads the events a query names from the table by key and applies the other
 * filters to them: it keeps reading until the page is full and one more match shows there is a next page, or the
 * listing ends. A page with a cursor is never followed by an empty one.
 */
final class AuditPager {
    static final int MAX_LIMIT = 1000;
    /** Positions read per query when filtering, so a sparse filter does not cost a round trip per few events. */
    private static final int FILTERED_BATCH = 100;

    private final Storage storage;

    AuditPager(Storage storage) {
        this.storage = storage;
    }

    Page<AuditEvent> page(AuditListing listing, AuditQuery query, String cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        Map<String, AttributeValue> start = cursor == null ? null : AuditCursor.decode(listing, cursor);
        List<AuditEvent> found = new ArrayList<>();
        Map<String, AttributeValue> lastTaken = null;
        while (true) {
            // one more than needed: if it matches too, the page is known not to be the last
            int batch = Math.max(limit - found.size() + 1, query.filters() ? FILTERED_BATCH : 0);
            QueryRequest request = request(listing, query, start, batch);
            QueryResponse response =
                    Storage.call("list audit events", () -> storage.dynamo().query(request));
            List<Map<String, AttributeValue>> positions = response.items();
            Map<Map<String, AttributeValue>, AuditEvent> events = events(positions);
            for (Map<String, AttributeValue> position : positions) {
                AuditEvent event = events.get(ItemsByKey.keyOf(position));
                if (event == null || !query.matches(event)) {
                    continue;
                }
                if (lastTaken != null) {
                    return new Page<>(found, AuditCursor.encode(listing, lastTaken));
                }
                found.add(event);
                if (found.size() == limit) {
                    lastTaken = position;
                }
            }
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return new Page<>(found, null);
            }
            start = response.lastEvaluatedKey();
        }
    }

    /** The events at {@code positions}, read from the table by key (an event erased meanwhile is absent). */
    private Map<Map<String, AttributeValue>, AuditEvent> events(List<Map<String, AttributeValue>> positions) {
        Map<Map<String, AttributeValue>, AuditEvent> events = new HashMap<>();
        ItemsByKey.read(storage, positions)
                .forEach(item -> events.put(ItemsByKey.keyOf(item), AuditItems.fromItem(item)));
        return events;
    }

    private QueryRequest request(AuditListing listing, AuditQuery query, Map<String, AttributeValue> start, int batch) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", listing.index().partitionKey()));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(listing.partition())));
        String keyCondition = "#pk = :pk" + timeRange(listing, query, names, values);
        return QueryRequest.builder()
                .tableName(storage.tableName())
                .indexName(listing.index().name())
                .keyConditionExpression(keyCondition)
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
}
