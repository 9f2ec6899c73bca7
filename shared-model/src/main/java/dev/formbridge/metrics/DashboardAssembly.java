package dev.formbridge.metrics;

import dev.formbridge.metrics.Dashboard.ConnectorRow;
import dev.formbridge.metrics.Dashboard.Point;
import dev.formbridge.metrics.Dashboard.Series;
import dev.formbridge.metrics.Dashboard.SiteRow;
import dev.formbridge.metrics.Dashboard.Totals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums a range's buckets into a {@link Dashboard}. Ingest counters come from site buckets and delivery counters from
 * connector buckets only: site buckets written before ADR 0019 also hold deliveries, and summing both would count each
 * delivery twice.
 */
final class DashboardAssembly {
    private static final List<String> CHARTED = List.of(
            MetricNames.ACCEPTED, MetricNames.REJECTED, MetricNames.DELIVERED, MetricNames.FAILED, MetricNames.RETRIED);

    private final List<Instant> starts;
    private final Map<Instant, Integer> index = new HashMap<>();
    private final Map<String, Long> ingest = new HashMap<>();
    private final Map<String, Long> delivery = new HashMap<>();
    private final Map<String, Map<String, Long>> bySite = new TreeMap<>();
    private final Map<String, Map<String, Long>> byConnector = new TreeMap<>();
    private final Map<String, long[]> series = new TreeMap<>();

    private DashboardAssembly(List<Instant> starts) {
        this.starts = starts;
        for (int i = 0; i < starts.size(); i++) {
            index.put(starts.get(i), i);
        }
    }

    static Dashboard of(Range range, List<Instant> starts, List<MetricBucket> buckets) {
        DashboardAssembly assembly = new DashboardAssembly(starts);
        buckets.forEach(assembly::add);
        return assembly.dashboard(range);
    }

    private void add(MetricBucket bucket) {
        Integer at = index.get(bucket.start());
        if (at == null) {
            return; // not a bucket of this range (the query selects only those)
        }
        bucket.counters().forEach((counter, n) -> {
            if (bucket.isSite() && (counter.equals(MetricNames.ACCEPTED) || MetricNames.isRejected(counter))) {
                count(ingest, bySite, bucket.id(), counter, n, at);
                if (MetricNames.isRejected(counter)) {
                    point(MetricNames.REJECTED, at, n);
                    bySite.get(bucket.id()).merge(MetricNames.REJECTED, n, Long::sum);
                }
            } else if (bucket.isConnector() && isDelivery(counter)) {
                count(delivery, byConnector, bucket.id(), counter, n, at);
            }
        });
    }

    private static boolean isDelivery(String counter) {
        return counter.equals(MetricNames.DELIVERED)
                || counter.equals(MetricNames.FAILED)
                || counter.equals(MetricNames.RETRIED)
                || LatencyHistogram.isLatency(counter);
    }

    private void count(
            Map<String, Long> totals, Map<String, Map<String, Long>> rows, String id, String counter, long n, int at) {
        totals.merge(counter, n, Long::sum);
        rows.computeIfAbsent(id, k -> new HashMap<>()).merge(counter, n, Long::sum);
        if (!LatencyHistogram.isLatency(counter)) {
            point(counter, at, n);
        }
    }

    private void point(String counter, int at, long n) {
        series.computeIfAbsent(counter, k -> new long[starts.size()])[at] += n;
    }

    private Dashboard dashboard(Range range) {
        Instant to = range.granularity().plus(starts.getLast(), 1);
        return new Dashboard(range, starts.getFirst(), to, totals(), sites(), connectors(), series());
    }

    private Totals totals() {
        Map<String, Long> byReason = new TreeMap<>();
        ingest.forEach((counter, n) -> {
            if (MetricNames.isRejected(counter)) {
                byReason.put(MetricNames.reason(counter), n);
            }
        });
        return new Totals(
                ingest.getOrDefault(MetricNames.ACCEPTED, 0L),
                byReason.values().stream().mapToLong(Long::longValue).sum(),
                Collections.unmodifiableSortedMap(new TreeMap<>(byReason)),
                delivery.getOrDefault(MetricNames.DELIVERED, 0L),
                delivery.getOrDefault(MetricNames.FAILED, 0L),
                delivery.getOrDefault(MetricNames.RETRIED, 0L),
                LatencyHistogram.percentile(delivery, 0.5).orElse(null),
                LatencyHistogram.percentile(delivery, 0.95).orElse(null));
    }

    private List<SiteRow> sites() {
        List<SiteRow> rows = new ArrayList<>();
        bySite.forEach((id, c) -> rows.add(
                new SiteRow(id, c.getOrDefault(MetricNames.ACCEPTED, 0L), c.getOrDefault(MetricNames.REJECTED, 0L))));
        return rows;
    }

    private List<ConnectorRow> connectors() {
        List<ConnectorRow> rows = new ArrayList<>();
        byConnector.forEach((id, c) -> rows.add(new ConnectorRow(
                id,
                c.getOrDefault(MetricNames.DELIVERED, 0L),
                c.getOrDefault(MetricNames.FAILED, 0L),
                c.getOrDefault(MetricNames.RETRIED, 0L),
                LatencyHistogram.percentile(c, 0.5).orElse(null),
                LatencyHistogram.percentile(c, 0.95).orElse(null))));
        return rows;
    }

    /** The charted counters always (zero-filled), then one series per rejection reason seen. */
    private List<Series> series() {
        Map<String, long[]> ordered = new LinkedHashMap<>();
        CHARTED.forEach(counter -> ordered.put(counter, series.getOrDefault(counter, new long[starts.size()])));
        series.forEach(ordered::putIfAbsent);
        List<Series> all = new ArrayList<>();
        ordered.forEach((counter, values) -> {
            List<Point> points = new ArrayList<>(starts.size());
            for (int i = 0; i < starts.size(); i++) {
                points.add(new Point(starts.get(i), values[i]));
            }
            all.add(new Series(counter, points));
        });
        return all;
    }
}
