package dev.formbridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.metrics.MetricCounterRepository.Granularity;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.FailingDynamo;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** What a flush writes: one ADD per granularity, keys for range reads, retention per granularity. */
class MetricCountersTest {
    static final Instant NOW = Instant.parse("2026-11-26T10:15:42Z");
    static final String SITE = MetricCounters.site("site_form");

    final MutableClock clock = new MutableClock(NOW);
    final TenantId tenant = TenantId.next();
    final Storage storage = LocalDynamo.newStorage();

    @Test
    void one_flush_adds_the_counts_to_the_minute_the_hour_and_the_day() {
        MetricCounterRepository repository = new MetricCounterRepository(storage);
        MetricCounters counters = new MetricCounters(repository, clock, Duration.ofSeconds(30));
        counters.add(tenant, SITE, "accepted", 3);
        counters.increment(tenant, SITE, "accepted");
        counters.increment(tenant, SITE, "rejected_bad_signature");

        counters.flush();
        counters.increment(tenant, SITE, "accepted");
        counters.flush();

        for (Granularity granularity : Granularity.values()) {
            assertThat(repository.read(tenant, SITE, granularity, NOW))
                    .as(granularity.name())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("accepted", 5L, "rejected_bad_signature", 1L));
        }
    }

    @Test
    void each_granularity_is_one_partition_of_the_tenant_sorted_by_bucket_start_and_kept_as_long_as_it_is_useful() {
        MetricCounters counters =
                new MetricCounters(new MetricCounterRepository(storage), clock, Duration.ofSeconds(30));
        counters.increment(tenant, SITE, "accepted");
        counters.flush();

        Map<String, AttributeValue> minute = item("TENANT#" + tenant + "#METRICS#M", "2026-11-26T10:15#SITE#site_form");
        Map<String, AttributeValue> hour = item("TENANT#" + tenant + "#METRICS#H", "2026-11-26T10#SITE#site_form");
        Map<String, AttributeValue> day = item("TENANT#" + tenant + "#METRICS#D", "2026-11-26#SITE#site_form");

        assertThat(expiresAt(minute)).isEqualTo(Instant.parse("2026-11-28T10:15:00Z")); // 2 days
        assertThat(expiresAt(hour)).isEqualTo(Instant.parse("2026-12-31T10:00:00Z")); // 35 days
        assertThat(expiresAt(day)).isEqualTo(Instant.parse("2027-12-31T00:00:00Z")); // 400 days
        assertThat(minute).doesNotContainKeys("gsi2pk", "gsi2sk");
        assertThat(hour).doesNotContainKeys("gsi2pk", "gsi2sk");
        assertThat(day)
                .containsEntry("gsi2pk", AttributeValue.fromS("PLATFORM#METRICS#2026-11-26"))
                .containsEntry("gsi2sk", AttributeValue.fromS(tenant + "#SITE#site_form"));
    }

    @Test
    void a_bucket_that_failed_to_write_is_written_alone_at_the_next_flush_so_nothing_counts_twice() {
        // GIVEN the day bucket's first write fails
        Storage flaky = new Storage(
                FailingDynamo.failingOnce(
                        storage.dynamo(),
                        request -> request instanceof UpdateItemRequest update
                                && update.key().get("pk").s().endsWith("#METRICS#D")),
                storage.definition());
        MetricCounterRepository repository = new MetricCounterRepository(flaky);
        MetricCounters counters = new MetricCounters(repository, clock, Duration.ofSeconds(30));
        counters.add(tenant, SITE, "accepted", 5);

        // WHEN two flushes run
        counters.flush();
        Map<String, Long> dayAfterFailure = repository.read(tenant, SITE, Granularity.DAY, NOW);
        counters.flush();

        // THEN the day got its 5 on the second one, and minute and hour were not written again
        assertThat(dayAfterFailure).isEmpty();
        for (Granularity granularity : Granularity.values()) {
            assertThat(repository.read(tenant, SITE, granularity, NOW))
                    .as(granularity.name())
                    .containsExactly(Map.entry("accepted", 5L));
        }
    }

    @Test
    void counts_of_different_minutes_land_in_their_own_minute_and_together_in_the_hour() {
        MetricCounterRepository repository = new MetricCounterRepository(storage);
        MetricCounters counters = new MetricCounters(repository, clock, Duration.ofSeconds(30));
        counters.add(tenant, SITE, "accepted", 2);
        clock.advance(Duration.ofMinutes(1));
        counters.add(tenant, SITE, "accepted", 3);

        counters.flush();

        assertThat(repository.read(tenant, SITE, Granularity.MINUTE, NOW)).containsEntry("accepted", 2L);
        assertThat(repository.read(tenant, SITE, Granularity.MINUTE, clock.instant()))
                .containsEntry("accepted", 3L);
        assertThat(repository.read(tenant, SITE, Granularity.HOUR, NOW)).containsEntry("accepted", 5L);
        assertThat(repository.read(tenant, SITE, Granularity.DAY, NOW)).containsEntry("accepted", 5L);
    }

    Map<String, AttributeValue> item(String pk, String sk) {
        return storage.dynamo()
                .getItem(b -> b.tableName(storage.tableName())
                        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))))
                .item();
    }

    static Instant expiresAt(Map<String, AttributeValue> item) {
        return Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n()));
    }
}
