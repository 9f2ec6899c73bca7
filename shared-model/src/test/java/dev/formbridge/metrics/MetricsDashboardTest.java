package dev.formbridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.metrics.Dashboard.ConnectorRow;
import dev.formbridge.metrics.Dashboard.Point;
import dev.formbridge.metrics.Dashboard.SiteRow;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.CountingDynamo;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** A tenant's dashboard read back from what {@link MetricCounters} flushed, against a real local DynamoDB. */
class MetricsDashboardTest {
    static final Instant NOW = Instant.parse("2026-11-26T10:30:20Z");
    static final String SHOP = MetricCounters.site("site_shop");
    static final String BLOG = MetricCounters.site("site_blog");
    static final String CRM = MetricCounters.connector("con_crm");
    static final String SLACK = MetricCounters.connector("con_slack");

    final MutableClock clock = new MutableClock(NOW);
    final TenantId tenant = TenantId.next();
    Storage storage;
    CountingDynamo counting;
    MetricCounters counters;
    MetricsService metrics;

    @BeforeEach
    void setUp() {
        Storage real = LocalDynamo.newStorage();
        counting = new CountingDynamo(real.dynamo());
        storage = counting.storage(real);
        counters = new MetricCounters(new MetricCounterRepository(storage), clock, Duration.ofSeconds(10));
        metrics = new MetricsService(storage, clock);
    }

    /** Counts {@code counts} (counter → n) for one dimension as writers do at {@code at}, and flushes. */
    void countAt(Instant at, TenantId who, String dimension, Map<String, Long> counts) {
        clock.set(at);
        counts.forEach((counter, n) -> counters.add(who, dimension, counter, n));
        counters.flush();
        clock.set(NOW);
    }

    void countAt(Instant at, String dimension, Map<String, Long> counts) {
        countAt(at, tenant, dimension, counts);
    }

    @Test
    void counts_flushed_by_writers_come_back_exactly_in_every_range() {
        // GIVEN ingest and delivery counted five minutes ago and now, and a site bucket holding deliveries too (as
        // the worker wrote them before ADR 0019)
        countAt(NOW.minus(Duration.ofMinutes(5)), SHOP, Map.of("accepted", 7L, "rejected_bad_signature", 2L));
        countAt(NOW.minus(Duration.ofMinutes(5)), CRM, Map.of("delivered", 5L, "retried", 3L, "failed", 1L));
        countAt(NOW.minus(Duration.ofMinutes(5)), SHOP, Map.of("delivered", 5L, "retried", 3L, "failed", 1L));
        countAt(NOW, SHOP, Map.of("accepted", 3L));
        countAt(NOW, BLOG, Map.of("rejected_invalid_json", 4L));

        for (Range range : Range.values()) {
            // WHEN the dashboard is read
            Dashboard.Totals totals = metrics.dashboard(tenant, range).totals();

            // THEN every count is there once
            assertThat(totals.accepted()).as(range.name()).isEqualTo(10);
            assertThat(totals.rejected()).as(range.name()).isEqualTo(6);
            assertThat(totals.rejectedByReason())
                    .as(range.name())
                    .containsExactly(Map.entry("bad_signature", 2L), Map.entry("invalid_json", 4L));
            assertThat(totals.delivered()).as(range.name()).isEqualTo(5);
            assertThat(totals.retried()).as(range.name()).isEqualTo(3);
            assertThat(totals.failed()).as(range.name()).isEqualTo(1);
        }
    }

    @Test
    void buckets_outside_a_range_are_left_out() {
        countAt(Instant.parse("2026-11-26T09:31:00Z"), SHOP, Map.of("accepted", 2L)); // first minute of the hour
        countAt(NOW.minus(Duration.ofMinutes(61)), SHOP, Map.of("accepted", 1L)); // 09:29, before it
        countAt(NOW.plus(Duration.ofMinutes(2)), SHOP, Map.of("accepted", 1000L)); // a writer's clock ahead
        countAt(NOW.minus(Duration.ofHours(25)), SHOP, Map.of("accepted", 10L)); // 2026-11-25T09
        countAt(NOW.minus(Duration.ofDays(30)), SHOP, Map.of("accepted", 100L)); // 2026-10-27

        assertThat(metrics.dashboard(tenant, Range.LAST_HOUR).totals().accepted())
                .isEqualTo(2);
        assertThat(metrics.dashboard(tenant, Range.LAST_DAY).totals().accepted())
                .isEqualTo(2 + 1 + 1000);
        assertThat(metrics.dashboard(tenant, Range.LAST_30_DAYS).totals().accepted())
                .isEqualTo(2 + 1 + 1000 + 10);
    }

    @Test
    void a_range_ends_with_the_bucket_that_holds_now() {
        Dashboard hour = metrics.dashboard(tenant, Range.LAST_HOUR);
        Dashboard day = metrics.dashboard(tenant, Range.LAST_DAY);
        Dashboard month = metrics.dashboard(tenant, Range.LAST_30_DAYS);

        assertThat(hour.from()).isEqualTo("2026-11-26T09:31:00Z");
        assertThat(hour.to()).isEqualTo("2026-11-26T10:31:00Z");
        assertThat(day.from()).isEqualTo("2026-11-25T11:00:00Z");
        assertThat(day.to()).isEqualTo("2026-11-26T11:00:00Z");
        assertThat(month.from()).isEqualTo("2026-10-28T00:00:00Z");
        assertThat(month.to()).isEqualTo("2026-11-27T00:00:00Z");
    }

    @Test
    void each_series_has_one_point_per_bucket_with_zero_where_nothing_was_counted() {
        countAt(Instant.parse("2026-11-26T10:00:40Z"), SHOP, Map.of("accepted", 4L, "rejected_stale_timestamp", 1L));
        countAt(Instant.parse("2026-11-24T08:00:00Z"), CRM, Map.of("failed", 2L));

        Dashboard hour = metrics.dashboard(tenant, Range.LAST_HOUR);
        List<Point> accepted = hour.series("accepted").orElseThrow().points();

        assertThat(hour.series())
                .extracting(Dashboard.Series::counter)
                .containsExactly("accepted", "rejected", "delivered", "failed", "retried", "rejected_stale_timestamp");
        assertThat(hour.series()).allSatisfy(s -> assertThat(s.points()).hasSize(60));
        assertThat(accepted)
                .extracting(Point::start)
                .containsExactlyElementsOf(IntStream.range(0, 60)
                        .mapToObj(i -> Instant.parse("2026-11-26T09:31:00Z").plus(Duration.ofMinutes(i)))
                        .toList());
        assertThat(accepted)
                .filteredOn(p -> p.value() != 0)
                .containsExactly(new Point(Instant.parse("2026-11-26T10:00:00Z"), 4));
        assertThat(hour.series("rejected").orElseThrow().points())
                .filteredOn(p -> p.value() != 0)
                .containsExactly(new Point(Instant.parse("2026-11-26T10:00:00Z"), 1));
        assertThat(hour.series("failed").orElseThrow().points()).allMatch(p -> p.value() == 0);

        List<Point> failedByDay = metrics.dashboard(tenant, Range.LAST_30_DAYS)
                .series("failed")
                .orElseThrow()
                .points();
        assertThat(failedByDay).hasSize(30);
        assertThat(failedByDay)
                .filteredOn(p -> p.value() != 0)
                .containsExactly(new Point(Instant.parse("2026-11-24T00:00:00Z"), 2));
    }

    @Test
    void sites_and_connectors_get_their_own_rows() {
        countAt(NOW, SHOP, Map.of("accepted", 3L, "rejected_bad_signature", 1L, "rejected_invalid_json", 1L));
        countAt(NOW, BLOG, Map.of("accepted", 5L));
        countAt(NOW, CRM, Map.of("delivered", 2L, "failed", 1L, "retried", 4L));
        countAt(NOW, CRM, Map.of(LatencyHistogram.counter(Duration.ofMillis(70)), 2L));
        countAt(NOW, SLACK, Map.of("failed", 3L));

        Dashboard dashboard = metrics.dashboard(tenant, Range.LAST_DAY);

        assertThat(dashboard.sites()).containsExactly(new SiteRow("site_blog", 5, 0), new SiteRow("site_shop", 3, 2));
        LatencyPercentile le100 = new LatencyPercentile(Duration.ofMillis(100), false);
        assertThat(dashboard.connectors())
                .containsExactly(
                        new ConnectorRow("con_crm", 2, 1, 4, le100, le100),
                        new ConnectorRow("con_slack", 0, 3, 0, null, null));
    }

    @Test
    void latency_percentiles_are_the_upper_bounds_of_the_buckets_the_latencies_fall_in() {
        // GIVEN 100 deliveries: crm 60 × 80 ms and 30 × 400 ms; slack 6 × 2 s and 4 × 20 s, over two hours
        countAt(NOW.minus(Duration.ofMinutes(70)), CRM, Map.of(latency(80), 60L, "delivered", 60L));
        countAt(NOW, CRM, Map.of(latency(400), 30L, "delivered", 30L));
        countAt(NOW, SLACK, Map.of(latency(2_000), 6L, latency(20_000), 4L, "delivered", 10L));

        // WHEN the day is read
        Dashboard dashboard = metrics.dashboard(tenant, Range.LAST_DAY);

        // THEN the 50th latency is ≤ 100 ms, the 95th ≤ 2.5 s; per connector likewise from its own buckets
        assertThat(dashboard.totals().p50()).isEqualTo(atMost(100));
        assertThat(dashboard.totals().p95()).isEqualTo(atMost(2_500));
        assertThat(dashboard.connectors())
                .extracting(ConnectorRow::connectorId, ConnectorRow::p50, ConnectorRow::p95)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("con_crm", atMost(100), atMost(500)),
                        org.assertj.core.groups.Tuple.tuple("con_slack", atMost(2_500), atMost(30_000)));
        // and the last hour holds only the later 40
        assertThat(metrics.dashboard(tenant, Range.LAST_HOUR).totals().p50()).isEqualTo(atMost(500));
    }

    @Test
    void a_tenant_without_counts_has_an_empty_dashboard_without_latency() {
        Dashboard dashboard = metrics.dashboard(tenant, Range.LAST_30_DAYS);

        assertThat(dashboard.isEmpty()).isTrue();
        assertThat(dashboard.totals().p50()).isNull();
        assertThat(dashboard.totals().p95()).isNull();
        assertThat(dashboard.sites()).isEmpty();
        assertThat(dashboard.connectors()).isEmpty();
        assertThat(dashboard.series())
                .hasSize(5)
                .allSatisfy(s -> assertThat(s.points()).hasSize(30).allMatch(p -> p.value() == 0));
    }

    @Test
    void two_tenants_never_see_each_others_counts() {
        TenantId other = TenantId.next();
        countAt(NOW, tenant, SHOP, Map.of("accepted", 3L));
        countAt(NOW, other, SHOP, Map.of("accepted", 5L, "rejected_bad_signature", 1L));
        countAt(NOW, other, CRM, Map.of("delivered", 5L));

        for (Range range : Range.values()) {
            Dashboard mine = metrics.dashboard(tenant, range);
            Dashboard theirs = metrics.dashboard(other, range);

            assertThat(mine.totals().accepted()).isEqualTo(3);
            assertThat(mine.totals().rejected()).isZero();
            assertThat(mine.connectors()).isEmpty();
            assertThat(theirs.totals().accepted()).isEqualTo(5);
            assertThat(theirs.totals().delivered()).isEqualTo(5);
        }
    }

    @Test
    void a_dashboard_reads_one_query_per_range_however_many_buckets_it_spans() {
        // GIVEN every bucket of every range counted, for two sites and two connectors
        List<String> dimensions = List.of(SHOP, BLOG, CRM, SLACK);
        fillEveryBucket(dimensions);

        for (Range range : Range.values()) {
            counting.reset();

            // WHEN a range is read
            Dashboard dashboard = metrics.dashboard(tenant, range);

            // THEN all of it came from one query (one page), no scan, no item-by-item read
            assertThat(counting.seen()).as(range.name()).singleElement().isInstanceOf(QueryRequest.class);
            assertThat(dashboard.series("accepted").orElseThrow().points())
                    .as(range.name())
                    .allMatch(p -> p.value() > 0);
        }
    }

    @Test
    void a_range_larger_than_a_page_is_read_page_by_page_and_comes_back_whole() {
        List<String> dimensions = List.of(SHOP, BLOG, CRM, SLACK);
        fillEveryBucket(dimensions);
        MetricsService paged = new MetricsService(new MetricCounterRepository(storage, 7), clock, null);
        long expected = metrics.dashboard(tenant, Range.LAST_30_DAYS).totals().accepted();
        counting.reset();

        Dashboard dashboard = paged.dashboard(tenant, Range.LAST_30_DAYS);

        int items = 30 * dimensions.size();
        assertThat(dashboard.totals().accepted()).isEqualTo(expected).isEqualTo(FILLS * 2);
        assertThat(counting.seen())
                .allMatch(r -> r instanceof QueryRequest)
                .hasSizeBetween(items / 7 + 1, items / 7 + 2);
    }

    static final int FILLS = 60 + 23 + 29;

    /** One count per dimension in each minute of the last hour, each hour of the last day, each of the last 30 days. */
    void fillEveryBucket(List<String> dimensions) {
        for (int i = 0; i < 60; i++) {
            fill(NOW.minus(Duration.ofMinutes(i)), dimensions);
        }
        for (int i = 1; i < 24; i++) {
            fill(NOW.minus(Duration.ofHours(i)), dimensions);
        }
        for (int i = 1; i < 30; i++) {
            fill(NOW.minus(Duration.ofDays(i)), dimensions);
        }
    }

    void fill(Instant at, List<String> dimensions) {
        clock.set(at);
        for (String dimension : dimensions) {
            counters.add(tenant, dimension, dimension.startsWith("SITE#") ? "accepted" : "delivered", 1);
        }
        counters.flush();
        clock.set(NOW);
    }

    static String latency(long millis) {
        return LatencyHistogram.counter(Duration.ofMillis(millis));
    }

    static LatencyPercentile atMost(long millis) {
        return new LatencyPercentile(Duration.ofMillis(millis), false);
    }
}
