package dev.formbridge.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One tenant's numbers over a {@link Range}: what was counted in its buckets from {@code from} (inclusive) to
 * {@code to} (exclusive), exactly, no sampling. Totals and per-site rows count ingest; totals of deliveries and
 * per-connector rows count deliveries. Ids are plain strings: delivery writes these counters, so metrics may not
 * depend on the connector feature; the portal names them.
 */
public record Dashboard(
        Range range,
        Instant from,
        Instant to,
        Totals totals,
        List<SiteRow> sites,
        List<ConnectorRow> connectors,
        List<Series> series) {

    public Dashboard {
        sites = List.copyOf(sites);
        connectors = List.copyOf(connectors);
        series = List.copyOf(series);
    }

    /**
     * The tenant's totals; {@code rejectedByReason} by reason ({@code bad_signature}, …); latency percentiles are bucket
     * upper bounds ({@link LatencyHistogram}), null when nothing was delivered.
     */
    public record Totals(
            long accepted,
            long rejected,
            SortedMap<String, Long> rejectedByReason,
            long delivered,
            long failed,
            long retried,
            LatencyPercentile p50,
            LatencyPercentile p95) {}

    /** One site's ingest counts ({@code site_…}). */
    public record SiteRow(String siteId, long accepted, long rejected) {}

    /** One connector's delivery counts ({@code con_…}); latency percentiles null when it delivered nothing. */
    public record ConnectorRow(
            String connectorId,
            long delivered,
            long failed,
            long retried,
            LatencyPercentile p50,
            LatencyPercentile p95) {}

    /**
     * One counter over time for a chart: one point per bucket of the range, oldest first, zero where nothing was
     * counted. Counters: {@code accepted}, {@code rejected} (all reasons), {@code delivered}, {@code failed},
     * {@code retried}, and {@code rejected_<reason>} for each reason seen.
     */
    public record Series(String counter, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    /** A bucket's start and its count. */
    public record Point(Instant start, long value) {}

    /** The series of one counter, if the dashboard has it. */
    public Optional<Series> series(String counter) {
        return series.stream().filter(s -> s.counter().equals(counter)).findFirst();
    }

    /** Nothing accepted, rejected or attempted in the range: the portal's cue for an empty state. */
    public boolean isEmpty() {
        return totals.accepted() + totals.rejected() + totals.delivered() + totals.failed() + totals.retried() == 0;
    }
}
