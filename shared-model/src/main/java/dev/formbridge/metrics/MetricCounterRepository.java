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
 * Per-tenant counters in hour and day buckets, one item per bucket and dimension ({@code SITE#<id>} or
 * {@code CON#<id>}), incremented with atomic {@code ADD}: one update carries any number of counters, so writers
 * aggregate in memory ({@link MetricCounters}) and flush rarely. An hour bucket keeps its counts per minute
 * ({@link HourBuckets}), so one update counts a flush for its minute and its hour: a flush writes two items per
 * dimension, the hour and the day (ADR 0019). A tenant's buckets of one granularity share a partition in time order,
 * so a time range is one query; day buckets are also in a platform-wide index by day for support staff. Never a scan
 * (see {@link Keys}, ADR 0015).
 */
public final class MetricCounterRepository {
    /** The three bucket sizes a range reads, with how long each is kept; minutes are kept inside their hour. */
    public enum Granularity {
        MINUTE("H", ChronoUnit.MINUTES, "uuuu-MM-dd'T'HH:mm", Duration.ofDays(35)),
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

        /** How long a bucket is kept after it starts (its TTL; a minute's is its hour's). */
        public Duration retention() {
            return retention;
        }

        /** The granularity of the item that holds this bucket: a minute is held by its hour. */
        Granularity item() {
            return this == MINUTE ? HOUR : this;
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

    /** What a count is added to: its minute (held by its hour's bucket, which hour ranges sum) and its day. */
    public static final List<Granularity> WRITTEN = List.of(Granularity.MINUTE, Granularity.DAY);

    /**
     * Adds {@code counters} (name → increment) to one bucket of one dimension: a minute's to its hour's bucket, a day's
     * to the day's. An hour has no counts of its own (it is the sum of its minutes).
     */
    public void add(
            TenantId tenantId, String dimension, Granularity granularity, Instant at, Map<String, Long> counters) {
        switch (granularity) {
            case MINUTE -> addMinutes(tenantId, dimension, Map.of(Granularity.MINUTE.start(at), counters));
            case DAY -> update(tenantId, dimension, Granularity.DAY, at, counters);
            case HOUR -> throw new IllegalArgumentException("an hour bucket is the sum of its minutes: add minutes");
        }
    }

    /** Adds the counts of minutes of one hour (minute start → counters) to that hour's bucket, in one update. */
    public void addMinutes(TenantId tenantId, String dimension, Map<Instant, Map<String, Long>> byMinute) {
        Map<String, Long> counters = new HashMap<>();
        Instant hour = null;
        for (Map.Entry<Instant, Map<String, Long>> minute : byMinute.entrySet()) {
            Instant start = Granularity.MINUTE.start(minute.getKey());
            if (hour != null && !hour.equals(Granularity.HOUR.start(start))) {
                throw new IllegalArgumentException("minutes of one hour only: " + byMinute.keySet());
            }
            hour = Granularity.HOUR.start(start);
            minute.getValue().forEach((counter, n) -> counters.merge(HourBuckets.name(start, counter), n, Long::sum));
        }
        if (hour != null) {
            update(tenantId, dimension, Granularity.HOUR, hour, counters);
        }
    }

    /** One ADD of {@code counters} to the item of {@code granularity} (HOUR or DAY) holding {@code at}. */
    private void update(
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
            // the same keys at every flush: only the day's first update writes the (keys-only) index entry
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
        Map<String, Long> stored = counters(Storage.call(
                        "read metric counters",
                        () -> dynamo.getItem(b -> b.tableName(tableName)
                                .key(key(tenantId, dimension, granularity.item(), at))
                                .consistentRead(true)))
                .item());
        return switch (granularity) {
            case MINUTE ->
                HourBuckets.minutes(stored).getOrDefault(minuteOfHour(Granularity.MINUTE.start(at)), Map.of());
            case HOUR -> HourBuckets.hour(stored);
            case DAY -> stored;
        };
    }

    /**
     * Every bucket of one granularity of a tenant that starts between {@code first} and {@code last} (inclusive), for
     * all dimensions: one query, paged by DynamoDB (1 MB a page); minutes come from their hours' buckets (those of the
     * range's first and last hour may hold minutes outside it, which the caller leaves out). Eventually consistent,
     * like the counters themselves, which are up to a flush interval behind.
     */
    List<MetricBucket> range(TenantId tenantId, Granularity granularity, Instant first, Instant last) {
        Granularity item = granularity.item();
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(Keys.metricsPk(tenantId, item.code)),
                        ":from", AttributeValue.fromS(Keys.metricSk(item.bucket(first), "")),
                        ":to", AttributeValue.fromS(Keys.metricSkAfter(item.bucket(last)))));
        List<MetricBucket> buckets = new ArrayList<>();
        query("read metric range", query, row -> {
            String sk = row.get(TableDefinition.SK).s();
            int split = sk.indexOf('#');
            String dimension = sk.substring(split + 1);
            Instant start = item.parse(sk.substring(0, split));
            Map<String, Long> stored = counters(row);
            switch (granularity) {
                case MINUTE ->
                    HourBuckets.minutes(stored)
                            .forEach((minute, counters) -> buckets.add(new MetricBucket(
                                    tenantId, dimension, start.plus(Duration.ofMinutes(minute)), counters)));
                case HOUR -> buckets.add(new MetricBucket(tenantId, dimension, start, HourBuckets.hour(stored)));
                case DAY -> buckets.add(new MetricBucket(tenantId, dimension, start, stored));
            }
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

    private static int minuteOfHour(Instant minute) {
        return (int) Duration.between(Granularity.HOUR.start(minute), minute).toMinutes();
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
