package dev.formbridge.cdk.cost;

import java.time.Duration;

/**
 * The reference traffic the model prices: submissions a month spread evenly over sites that each have one connector,
 * arriving at random (Poisson) times. The per-container caches of the code (site directory, connectors, counters,
 * decrypted secrets) save reads and writes only when a site sends again before they expire, so the shape matters as
 * much as the volume: many small sites (WordPress contact forms) is the expensive case and the one priced.
 */
public record Traffic(long submissionsPerMonth, int sites, int bodyBytes, Duration containerLifetime) {
    public static final Traffic REFERENCE = new Traffic(1_000_000, 1_000, 1_024, Duration.ofHours(2));

    /** Submissions per second from one site. */
    public double perSiteRate() {
        return submissionsPerMonth / (double) sites / (30 * 24 * 3600.0);
    }

    /**
     * The share of a site's requests that miss a cache holding an entry for {@code ttl} after it was loaded: with
     * Poisson arrivals at rate λ, each load is followed by λ·ttl hits on average, so the miss ratio is 1 / (1 + λ·ttl).
     */
    public double missRatio(Duration ttl) {
        return 1.0 / (1.0 + perSiteRate() * ttl.toMillis() / 1000.0);
    }
}
