package dev.formbridge.metrics;

import dev.formbridge.site.SiteId;
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
 * Per-tenant, per-site counters in minute buckets, incremented with atomic {@code ADD}: one update per bucket, site and
 * flush carries any number of counters, so writers aggregate in memory and flush rarely.
 */
public final class MetricCounterRepository {
    static final Duration RETENTION = Duration.ofDays(35);

    private final DynamoDbClient dynamo;
    private final String tableName;

    public MetricCounterRepository(Storage storage) {
        this.dynamo = storage.dynamo();
        this.tableName = storage.tableName();
    }

    /** The minute bucket name of {@code at}, e.g. {@code 2026-11-26T10:15}. */
    public static String minuteBucket(Instant at) {
        String text = at.truncatedTo(ChronoUnit.MINUTES).toString();
        return text.substring(0, 16);
    }

    /** Adds {@code counters} (name → increment) to the site's minute bucket. */
    public void add(TenantId tenantId, SiteId siteId, Instant minute, Map<String, Long> counters) {
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
                AttributeValue.fromN(Long.toString(minute.plus(RETENTION).getEpochSecond())));
        String update = add + " SET #ttl = :ttl";
        Storage.run(
                "add metric counters",
                () -> dynamo.updateItem(b -> b.tableName(tableName)
                        .key(Map.of(
                                "pk", AttributeValue.fromS(Keys.metricPk(tenantId, minuteBucket(minute))),
                                "sk", AttributeValue.fromS("SITE#" + siteId.value())))
                        .updateExpression(update)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)));
    }

    /** The counters of one site in one minute bucket (zero counters are absent). */
    public Map<String, Long> read(TenantId tenantId, SiteId siteId, Instant minute) {
        Map<String, AttributeValue> item = Storage.call(
                        "read metric counters",
                        () -> dynamo.getItem(b -> b.tableName(tableName)
                                .key(Map.of(
                                        "pk", AttributeValue.fromS(Keys.metricPk(tenantId, minuteBucket(minute))),
                                        "sk", AttributeValue.fromS("SITE#" + siteId.value())))
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
}
