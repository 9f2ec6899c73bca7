package dev.formbridge.submission;

import dev.formbridge.storage.ItemsByKey;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Page;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableDefinition;
import dev.formbridge.submission.SubmissionRepository.SubmissionItem;
import dev.formbridge.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Lists a tenant's submissions newest first through the time index: the received-time range is the key condition, site,
 * form and status are a filter. DynamoDB applies {@code Limit} before the filter, so a sparse filter needs several
 * queries to fill a page; when a query returns more matches than the page takes, the cursor is the last taken item's
 * key (an exclusive start key may be any item's key), so nothing is skipped and nothing repeated. The index copies the
 * summary's columns only (ADR 0018): a page of summaries is one query, a page with payloads reads its items by key.
 */
final class SubmissionListing {
    /** Items evaluated per query when a filter may drop most of them (unfiltered, a query reads just what it needs). */
    private static final int FILTERED_BATCH = 100;

    /** What a summary row reads: the keys of its position and the columns the time index copies. */
    private static final String SUMMARY_ATTRIBUTES = summaryAttributes();

    private final Storage storage;

    SubmissionListing(Storage storage) {
        this.storage = storage;
    }

    <T> Page<T> page(
            TenantId tenant,
            SubmissionQuery query,
            String cursor,
            int limit,
            boolean withPayload,
            Function<SubmissionItem, T> mapper) {
        Expressions expressions = Expressions.of(tenant, query, withPayload);
        Map<String, AttributeValue> start = cursor == null ? null : SubmissionCursor.decode(tenant, cursor);
        if (start != null && !expressions.covers(SubmissionCursor.position(start))) {
            throw new IllegalArgumentException("the cursor lies outside the requested time range");
        }
        List<T> items = new ArrayList<>();
        do {
            int batch = expressions.filtered() ? Math.max(limit - items.size(), FILTERED_BATCH) : limit - items.size();
            QueryResponse response = query(expressions, start, batch);
            List<Map<String, AttributeValue>> rows = response.items();
            Rows whole = new Rows(rows, withPayload);
            for (int i = 0; i < rows.size(); i++) {
                Map<String, AttributeValue> row = whole.item(i, limit - items.size());
                if (row == null) {
                    continue; // erased since the index was read
                }
                items.add(mapper.apply(SubmissionItem.SCHEMA.mapToItem(row)));
                if (items.size() == limit) {
                    boolean lastRow = i == rows.size() - 1;
                    Map<String, AttributeValue> next = lastRow ? lastEvaluated(response) : keyOf(rows.get(i));
                    return new Page<>(items, next == null ? null : SubmissionCursor.encode(next));
                }
            }
            start = lastEvaluated(response);
        } while (start != null);
        return new Page<>(items, null);
    }

    private static String summaryAttributes() {
        List<String> attributes = new ArrayList<>(List.of(
                TableDefinition.PK,
                TableDefinition.SK,
                TableDefinition.GSI1.partitionKey(),
                TableDefinition.GSI1.sortKey()));
        TableDefinition.GSI1.projected().forEach(a -> attributes.add(a.equals("status") ? "#status" : a)); // reserved
        return String.join(", ", attributes);
    }

    /**
     * The items behind one query's rows: the rows themselves for summaries; for payloads the stored items, read by key
     * as the page needs them (a filtered query may return more rows than the page takes).
     */
    private final class Rows {
        private final List<Map<String, AttributeValue>> rows;
        private final boolean whole;
        private final Map<Map<String, AttributeValue>, Map<String, AttributeValue>> read = new HashMap<>();
        private int readUpTo;

        Rows(List<Map<String, AttributeValue>> rows, boolean whole) {
            this.rows = rows;
            this.whole = whole;
        }

        /** Row {@code i}'s item, or null if it is gone; {@code wanted}: how many more the page takes. */
        Map<String, AttributeValue> item(int i, int wanted) {
            if (!whole) {
                return rows.get(i);
            }
            if (i >= readUpTo) {
                readUpTo = Math.min(rows.size(), i + wanted);
                ItemsByKey.read(storage, rows.subList(i, readUpTo))
                        .forEach(item -> read.put(ItemsByKey.keyOf(item), item));
            }
            return read.get(ItemsByKey.keyOf(rows.get(i)));
        }
    }

    private QueryResponse query(Expressions expressions, Map<String, AttributeValue> start, int batch) {
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(storage.tableName())
                .indexName(TableDefinition.GSI1.name())
                .scanIndexForward(false)
                .limit(batch)
                .keyConditionExpression(expressions.keyCondition())
                .expressionAttributeNames(expressions.names())
                .expressionAttributeValues(expressions.values())
                .exclusiveStartKey(start);
        if (expressions.filter() != null) {
            request.filterExpression(expressions.filter());
        }
        if (expressions.projection() != null) {
            request.projectionExpression(expressions.projection());
        }
        return Storage.call("list submissions", () -> storage.dynamo().query(request.build()));
    }

    private static Map<String, AttributeValue> lastEvaluated(QueryResponse response) {
        return response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey()
                : null;
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> row) {
        return Map.of(
                TableDefinition.PK,
                row.get(TableDefinition.PK),
                TableDefinition.SK,
                row.get(TableDefinition.SK),
                TableDefinition.GSI1.partitionKey(),
                row.get(TableDefinition.GSI1.partitionKey()),
                TableDefinition.GSI1.sortKey(),
                row.get(TableDefinition.GSI1.sortKey()));
    }

    /** The expressions of one listing query; DynamoDB refuses names and values an expression does not use. */
    private record Expressions(
            String keyCondition,
            String filter,
            String projection,
            Map<String, String> names,
            Map<String, AttributeValue> values,
            String lowest,
            String beyond) {

        static Expressions of(TenantId tenant, SubmissionQuery query, boolean withPayload) {
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            names.put("#gpk", TableDefinition.GSI1.partitionKey());
            values.put(":gpk", AttributeValue.fromS(Keys.submissionsByTimePk(tenant)));
            // sort keys are "<fixed-width time>#<id>": "<from>" sorts before every key of that millisecond, "<to>"
            // before every key of its millisecond, so from is inclusive and to exclusive
            String lowest = query.from() == null ? null : Keys.sortableTime(query.from());
            String beyond = query.to() == null ? null : Keys.sortableTime(query.to());
            String keyCondition = "#gpk = :gpk";
            if (lowest != null || beyond != null) {
                names.put("#gsk", TableDefinition.GSI1.sortKey());
            }
            if (lowest != null) {
                values.put(":from", AttributeValue.fromS(lowest));
            }
            if (beyond != null) {
                values.put(":to", AttributeValue.fromS(beyond));
            }
            if (lowest != null && beyond != null) {
                keyCondition += " AND #gsk BETWEEN :from AND :to";
            } else if (lowest != null) {
                keyCondition += " AND #gsk >= :from";
            } else if (beyond != null) {
                keyCondition += " AND #gsk < :to";
            }
            List<String> filters = new ArrayList<>();
            if (query.siteId() != null) {
                filters.add("siteId = :site");
                values.put(":site", AttributeValue.fromS(query.siteId().value()));
            }
            if (query.formId() != null) {
                filters.add("formId = :form");
                values.put(":form", AttributeValue.fromS(query.formId()));
            }
            if (query.status() != null) {
                filters.add("#status = :status");
                values.put(":status", AttributeValue.fromS(query.status().name()));
            }
            if (query.status() != null || !withPayload) {
                names.put("#status", "status");
            }
            // with payloads the rows are only positions: their items are read by key
            return new Expressions(
                    keyCondition,
                    filters.isEmpty() ? null : String.join(" AND ", filters),
                    withPayload ? null : SUMMARY_ATTRIBUTES,
                    names,
                    values,
                    lowest,
                    beyond);
        }

        boolean filtered() {
            return filter != null;
        }

        /** Whether a cursor's position lies in the key condition's range (DynamoDB refuses a start key outside it). */
        boolean covers(String position) {
            return (lowest == null || position.compareTo(lowest) >= 0)
                    && (beyond == null || position.compareTo(beyond) < 0);
        }
    }
}
