/**
 * Per-tenant counters in minute, hour and day buckets (ingest per site, deliveries per connector; minutes kept inside
 * their hour's bucket), aggregated in memory and written with atomic ADDs ({@link dev.formbridge.metrics.MetricCounters}),
 * including a fixed latency histogram of deliveries;
 * and what the portal reads of them ({@link dev.formbridge.metrics.MetricsService}): a tenant's dashboard over the last
 * hour, day or 30 days, and the platform's health by day for support staff. Reads are key queries, never scans.
 */
package dev.formbridge.metrics;
