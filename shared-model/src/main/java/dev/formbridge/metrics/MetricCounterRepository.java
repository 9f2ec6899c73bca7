package dev.formbridge.metrics;

import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.TableDefinition;
import dev.formbridge.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Per-tenant counters in minute and hour buckets, one item per bucket and dimension ({@code SITE#<id>} or
 * {@code CON#<id>}), incremented with atomic {@code ADD}: one update carries any number of counters, so writers
 * aggregate in memory ({@link MetricCounters}) and flush rarely. Dashboards read buckets by key, never by scan.
 */
public final class MetricCounterRepository {
    /** The two bucket sizes, with how long each is kept. */
    public enum Granularity {
        MINUTE("M", ChronoUnit.MINUTES, 16, Duration.ofDays(2)),
        HOUR("H", ChronoUnit.HOURS, 13, Duration.ofDays(35));

        private final String prefix;
        private final ChronoUnit unit;
        private final int length;
        private final Duration retention;

        Granularity(String prefix, ChronoUnit unit, int length, Duration retention) {
            this.prefix = prefix;
            this.unit = unit;
            this.length = length;
            this.retention = retention;
        }

        public Instant start(Instant at) {
            return at.truncatedTo(unit);
        }

        /** The bucket name, e.g. {@code M#2026-11-26T10:15} or {@code H#2026-11-26T10}. */
        public String bucket(Instant at) {
            return prefix + "#" + start(at).toString().substring(0, length);
        }
    }

    private final DynamoDbClient dynamo;
    private final String tableName;

    public MetricCounterRepository(Storage storage) {
        this.dynamo = storage.dynamo();
        this.tableName = storage.tableName();
    }

    /** Adds {@code counters} (name → increment) to one bucket of one dimension. */
    public void add(
            TenantId tenantId, String dimension, Granularity granularity, Instant at, Map<String, Long> counters) {
        if (counters.isEmpty()) {
            return;
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder add = new StringBuilder("ADD ");
        int i = 0;
        for (Map.Entry<String, Long> counter : counters.entrySet()) {
            names.put("#c" + i, counter.getKey());
            values.put(":c" + i, AttributeValue.fromN(Long.toString(counter.getValue())));
            add.append(i == 0 ? "" : ", ").append("#c").append(i).append(" :c").append(i);
            i++;
        }
        names.put("#ttl", TableDefinition.TTL);
        values.put(
                ":ttl",
                AttributeValue.fromN(Long.toString(
                        granularity.start(at).plus(granularity.retention).getEpochSecond())));
        String update = add + " SET #ttl = :ttl";
        Storage.run(
                "add metric counters",
                () -> dynamo.updateItem(b -> b.tableName(tableName)
                        .key(key(tenantId, dimension, granularity, at))
                        .updateExpression(update)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)));
    }

    /** The counters of one dimension in one bucket (counters never incremented are absent). */
    public Map<String, Long> read(TenantId tenantId, String dimension, Granularity granularity, Instant at) {
        Map<String, AttributeValue> item = Storage.call(
                        "read metric counters",
                        () -> dynamo.getItem(b -> b.tableName(tableName)
                                .key(key(tenantId, dimension, granularity, at))
                                .consistentRead(true)))
                .item();
        Map<String, Long> counters = new HashMap<>();
        item.forEach((name, value) -> {
            if (value.n() != null && !name.equals(TableDefinition.TTL)) {
                counters.put(name, Long.parseLong(value.n()));
            }
        });
        return counters;
    }

    private static Map<String, AttributeValue> key(
            TenantId tenantId, String dimension, Granularity granularity, Instant at) {
        return Map.of(
                "pk", AttributeValue.fromS(Keys.metricPk(tenantId, granularity.bucket(at))),
                "sk", AttributeValue.fromS(dimension));
    }
}
