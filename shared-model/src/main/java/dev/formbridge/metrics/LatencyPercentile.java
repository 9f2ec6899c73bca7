package dev.formbridge.metrics;

import java.time.Duration;

/**
 * A latency percentile as the histogram knows it: at most {@code bound} (the upper bound of its bucket), or, when
 * {@code overflow}, more than {@code bound} (the largest bound; the overflow bucket has no upper end).
 */
public record LatencyPercentile(Duration bound, boolean overflow) {}
