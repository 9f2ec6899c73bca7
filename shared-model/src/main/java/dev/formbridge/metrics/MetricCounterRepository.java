package dev.formbridge.metrics;

import dev.formbridge.storage.ItemsByKey;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableDefinition;
import dev.formbridge.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Per-tenant counters in minute, hour and day buckets, one item per bucket and dimension ({@code SITE#<id>} or
 * {@code CON#<id>}), incremented with atomic {@code ADD}: one update carries any number of counters, so writers
 * aggregate in memory ({@link MetricCounters}) and flush rarely. A tenant's buckets of one granularity share a
 * partition in time order, so a time range is one query; day buckets are also in a platform-wide index by day for
 * support staff. Never a scan (see {@link Keys} and ADR 0015).
 */
public final class MetricCounterRepository {
    /** The three bucket sizes, with how long each is kept. */
    public enum Granularity {
        MINUTE("M", ChronoUnit.MINUTES, "uuuu-MM-dd'T'HH:mm", Duration.ofDays(2)),
        HOUR("H", ChronoUnit.HOURS, "uuuu-MM-dd'T'HH", Duration.ofDays(35)),
        DAY("D", ChronoUnit.DAYS, "uuuu-MM-dd", Duration.ofDays(400));

        private final String code;
        private final ChronoUnit unit;
        private final DateTimeFormatter format;
        private final Duration retention;

        Granularity(String code, ChronoUnit unit, String pattern, Duration retention) {
            this.code = code;
            this.unit = unit;
            this.format = new DateTimeFormatterBuilder()
                    .appendPattern(pattern)
                    .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
                    .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
                    .toFormatter(Locale.ROOT)
                    .withZone(ZoneOffset.UTC);
            this.retention = retention;
        }

        /** The start of the bucket holding {@code at} (UTC). */
        public Instant start(Instant at) {
            return at.truncatedTo(unit);
        }

        /** The start of the bucket {@code buckets} after the one starting at {@code start} (negative: before). */
        public Instant plus(Instant start, long buckets) {
            return start.plus(buckets, unit);
        }

        /** The bucket's start as fixed-width UTC text, e.g. {@code 2026-11-26T10:15}, {@code 2026-11-26T10}. */
        public String bucket(Instant at) {
            return format.format(start(at));
        }

        /** How long a bucket is kept after it starts (its TTL). */
        public Duration retention() {
            return retention;
        }

        Instant parse(String bucket) {
            return LocalDateTime.parse(bucket, format).toInstant(ZoneOffset.UTC);
        }
    }

    private final Storage storage;
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Integer pageSize;

    public MetricCounterRepository(Storage storage) {
        this(storage, null);
    }

    /** With a query page size (items per page) instead of DynamoDB's 1 MB pages: tests of paging. */
    MetricCounterRepository(Storage storage, Integer pageSize) {
        this.storage = storage;
        this.dynamo = storage.dynamo();
        this.tableName = storage.tableName();
        this.pageSize = pageSize;
    }

    /** Adds {@code counters} (name → increment) to one bucket of one dimension. */
    public void add(
            TenantId tenantId, String dimension, Granularity granularity, Instant at, Map<String, Long> counters) {
        if (counters.isEmpty()) {
            return;
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder update = new StringBuilder("ADD ");
        int i = 0;
        for (Map.Entry<String, Long> counter : counters.entrySet()) {
            names.put("#c" + i, counter.getKey());
            values.put(":c" + i, AttributeValue.fromN(Long.toString(counter.getValue())));
            update.append(i == 0 ? "" : ", ")
                    .append("#c")
                    .append(i)
                    .append(" :c")
                    .append(i);
            i++;
        }
        update.append(" SET #ttl = :ttl");
        names.put("#ttl", TableDefinition.TTL);
        values.put(
                ":ttl",
                AttributeValue.fromN(Long.toString(
                        granularity.start(at).plus(granularity.retention).getEpochSecond())));
        if (granularity == Granularity.DAY) {
            update.append(", #g2pk = :g2pk, #g2sk = :g2sk");
            names.put("#g2pk", TableDefinition.GSI2.partitionKey());
            names.put("#g2sk", TableDefinition.GSI2.sortKey());
            values.put(":g2pk", AttributeValue.fromS(Keys.platformMetricsDayPk(day(at))));
            values.put(":g2sk", AttributeValue.fromS(Keys.platformMetricsSk(tenantId, dimension)));
        }
        Storage.run(
                "add metric counters",
                () -> dynamo.updateItem(b -> b.tableName(tableName)
                        .key(key(tenantId, dimension, granularity, at))
                        .updateExpression(update.toString())
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)));
    }

    /** The counters of one dimension in one bucket (counters never incremented are absent). */
    public Map<String, Long> read(TenantId tenantId, String dimension, Granularity granularity, Instant at) {
        return counters(Storage.call(
                        "read metric counters",
                        () -> dynamo.getItem(b -> b.tableName(tableName)
                                .key(key(tenantId, dimension, granularity, at))
                                .consistentRead(true)))
                .item());
    }

    /**
     * Every bucket of one granularity of a tenant that starts between {@code first} and {@code last} (inclusive), for
     * all dimensions: one query, paged by DynamoDB (1 MB a page). Eventually consistent, like the counters themselves,
     * which are up to a flush interval behind.
     */
    List<MetricBucket> range(TenantId tenantId, Granularity granularity, Instant first, Instant last) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(Keys.metricsPk(tenantId, granularity.code)),
                        ":from", AttributeValue.fromS(Keys.metricSk(granularity.bucket(first), "")),
                        ":to", AttributeValue.fromS(Keys.metricSkAfter(granularity.bucket(last)))));
        List<MetricBucket> buckets = new ArrayList<>();
        query("read metric range", query, item -> {
            String sk = item.get(TableDefinition.SK).s();
            int split = sk.indexOf('#');
            buckets.add(new MetricBucket(
                    tenantId, sk.substring(split + 1), granularity.parse(sk.substring(0, split)), counters(item)));
        });
        return buckets;
    }

    /**
     * Every tenant's day buckets of one UTC day: where they are from the platform-wide index (gsi2, keys only, so a
     * flush never writes to it), the counters from the table by key.
     */
    List<MetricBucket> platformDay(LocalDate day) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(tableName)
                .indexName(TableDefinition.GSI2.name())
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", TableDefinition.GSI2.partitionKey()))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.platformMetricsDayPk(day))));
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Map<String, AttributeValue>> entries = new ArrayList<>();
        query("read platform metrics", query, entries::add);
        return ItemsByKey.read(storage, entries).stream()
                .map(item -> {
                    String sk = item.get(TableDefinition.GSI2.sortKey()).s();
                    int split = sk.indexOf('#');
                    return new MetricBucket(
                            new TenantId(sk.substring(0, split)), sk.substring(split + 1), start, counters(item));
                })
                .toList();
    }

    /** Runs a query to its end, page by page, handing each item to {@code row}. */
    private void query(String what, QueryRequest.Builder query, Consumer<Map<String, AttributeValue>> row) {
        if (pageSize != null) {
            query.limit(pageSize);
        }
        Map<String, AttributeValue> next = null;
        do {
            QueryRequest request = query.exclusiveStartKey(next).build();
            QueryResponse page = Storage.call(what, () -> dynamo.query(request));
            page.items().forEach(row);
            next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (next != null);
    }

    /** The numeric attributes of an item except its TTL: the counters. */
    private static Map<String, Long> counters(Map<String, AttributeValue> item) {
        Map<String, Long> counters = new HashMap<>();
        item.forEach((name, value) -> {
            if (value.n() != null && !name.equals(TableDefinition.TTL)) {
                counters.put(name, Long.parseLong(value.n()));
            }
        });
        return counters;
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static Map<String, AttributeValue> key(
            TenantId tenantId, String dimension, Granularity granularity, Instant at) {
        return Map.of(
                TableDefinition.PK, AttributeValue.fromS(Keys.metricsPk(tenantId, granularity.code)),
                TableDefinition.SK, AttributeValue.fromS(Keys.metricSk(granularity.bucket(at), dimension)));
    }
}
