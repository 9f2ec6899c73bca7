package dev.formbridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.metrics.MetricCounterRepository.Granularity;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.CountingDynamo;
import dev.formbridge.testutils.FailingDynamo;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What a flush writes: per dimension one ADD to the hour bucket (its minutes inside it) and one to the day bucket,
 * keys for range reads, retention per granularity.
 */
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
    void minutes_are_kept_inside_their_hour_bucket_and_each_granularity_is_one_partition_sorted_by_start() {
        MetricCounters counters =
                new MetricCounters(new MetricCounterRepository(storage), clock, Duration.ofSeconds(30));
        counters.increment(tenant, SITE, "accepted");
        counters.flush();

        Map<String, AttributeValue> hour = item("TENANT#" + tenant + "#METRICS#H", "2026-11-26T10#SITE#site_form");
        Map<String, AttributeValue> day = item("TENANT#" + tenant + "#METRICS#D", "2026-11-26#SITE#site_form");

        assertThat(hour).containsEntry("15:accepted", AttributeValue.fromN("1")).doesNotContainKey("accepted");
        assertThat(day).containsEntry("accepted", AttributeValue.fromN("1"));
        assertThat(item("TENANT#" + tenant + "#METRICS#M", "2026-11-26T10:15#SITE#site_form"))
                .isEmpty(); // no minute item any more: the hour holds it
        assertThat(expiresAt(hour)).isEqualTo(Instant.parse("2026-12-31T10:00:00Z")); // 35 days
        assertThat(expiresAt(day)).isEqualTo(Instant.parse("2027-12-31T00:00:00Z")); // 400 days
        assertThat(hour).doesNotContainKeys("gsi2pk", "gsi2sk");
        assertThat(day)
                .containsEntry("gsi2pk", AttributeValue.fromS("PLATFORM#METRICS#2026-11-26"))
                .containsEntry("gsi2sk", AttributeValue.fromS(tenant + "#SITE#site_form"));
    }

    @Test
    void a_flush_writes_two_items_per_dimension_whatever_minutes_of_the_hour_its_counts_fell_in() {
        // GIVEN a client that counts the updates, and counts of two dimensions in two minutes of one hour
        CountingDynamo counting = new CountingDynamo(storage.dynamo());
        MetricCounterRepository repository = new MetricCounterRepository(counting.storage(storage));
        MetricCounters counters = new MetricCounters(repository, clock, Duration.ofSeconds(30));
        String connector = MetricCounters.connector("con_hook");
        counters.add(tenant, SITE, "accepted", 2);
        counters.increment(tenant, connector, "delivered");
        clock.advance(Duration.ofSeconds(30)); // 10:16:12
        counters.increment(tenant, SITE, "accepted");
        counters.increment(tenant, connector, LatencyHistogram.counter(Duration.ofMillis(80)));

        // WHEN they are flushed
        counters.flush();

        // THEN each dimension cost one hour and one day update, and both minutes read back apart
        assertThat(counting.seen()).hasSize(4).allMatch(r -> r instanceof UpdateItemRequest);
        assertThat(repository.read(tenant, SITE, Granularity.MINUTE, NOW)).containsExactly(Map.entry("accepted", 2L));
        assertThat(repository.read(tenant, SITE, Granularity.MINUTE, clock.instant()))
                .containsExactly(Map.entry("accepted", 1L));
        assertThat(repository.read(tenant, connector, Granularity.HOUR, NOW))
                .containsExactlyInAnyOrderEntriesOf(Map.of("delivered", 1L, "latency_le_100", 1L));
    }

    @Test
    void an_hour_bucket_written_before_minutes_moved_into_it_counts_for_the_hour_but_for_no_minute() {
        // GIVEN an hour bucket of the old layout (plain counters) that the new layout adds a minute to
        storage.dynamo()
                .putItem(b -> b.tableName(storage.tableName())
                        .item(Map.of(
                                "pk", AttributeValue.fromS("TENANT#" + tenant + "#METRICS#H"),
                                "sk", AttributeValue.fromS("2026-11-26T10#SITE#site_form"),
                                "accepted", AttributeValue.fromN("7"))));
        MetricCounterRepository repository = new MetricCounterRepository(storage);
        repository.add(tenant, SITE, Granularity.MINUTE, NOW, Map.of("accepted", 2L));

        assertThat(repository.read(tenant, SITE, Granularity.HOUR, NOW)).containsExactly(Map.entry("accepted", 9L));
        assertThat(repository.read(tenant, SITE, Granularity.MINUTE, NOW)).containsExactly(Map.entry("accepted", 2L));
    }

    @Test
    void an_hour_has_no_counts_of_its_own_to_add() {
        MetricCounterRepository repository = new MetricCounterRepository(storage);

        assertThatThrownBy(() -> repository.add(tenant, SITE, Granularity.HOUR, NOW, Map.of("accepted", 1L)))
                .isInstanceOf(IllegalArgumentException.class);
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

        // THEN the day got its 5 on the second one, and the hour (holding the minute) was not written again
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
