package dev.formbridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.CountingDynamo;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The platform's health by day for support staff, read from the day buckets' platform-wide index. */
class MetricsHealthTest {
    static final Instant NOW = Instant.parse("2026-11-26T15:00:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-11-26");
    static final String SITE = MetricCounters.site("site_form");
    static final String CONNECTOR = MetricCounters.connector("con_hook");

    final MutableClock clock = new MutableClock(NOW);
    final TenantId failing = TenantId.next();
    final TenantId healthy = TenantId.next();
    final TenantId quiet = TenantId.next();
    CountingDynamo counting;
    Storage storage;
    MetricCounters counters;
    MetricsService metrics;

    @BeforeEach
    void setUp() {
        Storage real = LocalDynamo.newStorage();
        counting = new CountingDynamo(real.dynamo());
        storage = counting.storage(real);
        counters = new MetricCounters(new MetricCounterRepository(storage), clock, Duration.ofSeconds(30));
        metrics = new MetricsService(storage, clock);

        // failing: signature trouble and one delivery in five failed, counted in the morning and in the afternoon
        count(
                Instant.parse("2026-11-26T08:10:00Z"),
                failing,
                SITE,
                Map.of("accepted", 6L, "rejected_bad_signature", 3L));
        count(NOW, failing, SITE, Map.of("accepted", 4L, "rejected_stale_timestamp", 2L, "rejected_invalid_json", 4L));
        count(NOW, failing, CONNECTOR, Map.of("delivered", 8L, "failed", 2L, "retried", 5L));
        // site buckets written before ADR 0019 hold deliveries as well: they must not count twice
        count(NOW, failing, SITE, Map.of("delivered", 8L, "failed", 2L));
        // healthy: everything delivered; quiet: submissions, no connector
        count(NOW, healthy, SITE, Map.of("accepted", 5L));
        count(NOW, healthy, CONNECTOR, Map.of("delivered", 5L));
        count(NOW, quiet, SITE, Map.of("accepted", 1L));
    }

    void count(Instant at, TenantId tenant, String dimension, Map<String, Long> counts) {
        clock.set(at);
        counts.forEach((counter, n) -> counters.add(tenant, dimension, counter, n));
        counters.flush();
        clock.set(NOW);
    }

    @Test
    void the_health_of_a_day_lists_every_tenant_that_counted_anything_with_its_own_numbers() {
        List<TenantHealth> health = metrics.health(TODAY);

        assertThat(health)
                .containsExactly(
                        new TenantHealth(failing, 10, 5, 8, 2, 0.2, null),
                        new TenantHealth(healthy, 5, 0, 5, 0, 0.0, null),
                        new TenantHealth(quiet, 1, 0, 0, 0, null, null));
    }

    @Test
    void rejected_signatures_count_the_signature_reasons_and_no_other_rejection() {
        TenantHealth row = metrics.health(TODAY).getFirst();

        assertThat(row.tenantId()).isEqualTo(failing);
        assertThat(row.rejectedSignatures()).isEqualTo(3 + 2); // bad_signature + stale_timestamp, not invalid_json
    }

    @Test
    void another_days_counts_stay_out_of_the_day() {
        count(Instant.parse("2026-11-25T23:59:59Z"), healthy, SITE, Map.of("accepted", 100L));
        count(Instant.parse("2026-11-27T00:00:00Z"), healthy, CONNECTOR, Map.of("failed", 100L));

        assertThat(metrics.health(TODAY))
                .filteredOn(h -> h.tenantId().equals(healthy))
                .singleElement()
                .satisfies(h -> {
                    assertThat(h.accepted()).isEqualTo(5);
                    assertThat(h.failed()).isZero();
                });
        assertThat(metrics.health(TODAY.minusDays(1)))
                .containsExactly(new TenantHealth(healthy, 100, 0, 0, 0, null, null));
        assertThat(metrics.health(TODAY.minusDays(2))).isEmpty();
    }

    @Test
    void the_health_of_a_day_is_one_index_query_and_one_read_by_key_per_hundred_buckets_never_a_scan() {
        counting.reset();

        metrics.health(TODAY);

        // the index holds keys only (a flush writes nothing to it): the buckets come from the table by key
        assertThat(counting.seen()).hasSize(2);
        assertThat(counting.seen().getFirst())
                .isInstanceOfSatisfying(
                        QueryRequest.class, q -> assertThat(q.indexName()).isEqualTo("gsi2"));
        assertThat(counting.seen().get(1))
                .isInstanceOfSatisfying(
                        BatchGetItemRequest.class,
                        b -> assertThat(b.requestItems().values())
                                .singleElement()
                                .satisfies(k -> assertThat(k.keys()).hasSize(5)));
    }

    @Test
    void dead_letter_depth_comes_from_the_port_once_per_listed_tenant() {
        List<TenantId> asked = new ArrayList<>();
        MetricsService withDepth = new MetricsService(storage, clock, tenant -> {
            asked.add(tenant);
            return tenant.equals(failing) ? 2 : 0;
        });

        List<TenantHealth> health = withDepth.health(TODAY);

        assertThat(asked).containsExactlyInAnyOrder(failing, healthy, quiet);
        assertThat(health).extracting(TenantHealth::deadLetters).containsExactly(2, 0, 0);
        assertThat(withDepth.health(TODAY.minusDays(1))).isEmpty();
        assertThat(asked).hasSize(3); // a day without tenants asks for no depth
    }
}
