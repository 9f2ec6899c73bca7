package dev.formbridge.ingest;

import java.time.Duration;
import java.util.Map;

/**
 * Ingest's tunables, read from the environment (the CDK app and the local runtime set them). Defaults follow the
 * protocol: 256 KiB bodies, ±300 s timestamps.
 */
public record IngestSettings(
        int maxBodyBytes,
        Duration timestampTolerance,
        double sitePerSecond,
        int siteBurst,
        double tenantPerSecond,
        int tenantBurst,
        Duration siteCacheTtl,
        Duration unavailableRetryAfter,
        Duration metricsFlushInterval) {

    public static final int MAX_BODY_BYTES = 256 * 1024;

    /**
     * How the authorizer refuses: {@code gateway} (default) denies, and API Gateway answers 403 itself; {@code ingest}
     * allows with a {@code denied} context so ingest answers the contract's 401 (ADR 0010; the CDK app sets it).
     */
    public static final String AUTHORIZER_DENIALS_ENV = "FORMBRIDGE_AUTHORIZER_DENIALS";

    public static final String DENIALS_BY_INGEST = "ingest";

    public static IngestSettings defaults() {
        return fromEnvironment(Map.of());
    }

    public static IngestSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static IngestSettings fromEnvironment(Map<String, String> env) {
        return new IngestSettings(
                MAX_BODY_BYTES,
                Duration.ofSeconds((long) number(env, "FORMBRIDGE_TIMESTAMP_TOLERANCE_SECONDS", 300)),
                number(env, "FORMBRIDGE_SITE_RATE_PER_SECOND", 20),
                (int) number(env, "FORMBRIDGE_SITE_BURST", 40),
                number(env, "FORMBRIDGE_TENANT_RATE_PER_SECOND", 100),
                (int) number(env, "FORMBRIDGE_TENANT_BURST", 200),
                Duration.ofMillis((long) number(env, "FORMBRIDGE_SITE_CACHE_MILLIS", 5_000)),
                Duration.ofSeconds(5),
                Duration.ofSeconds((long) number(env, "FORMBRIDGE_METRICS_FLUSH_SECONDS", 30)));
    }

    private static double number(Map<String, String> env, String name, double fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got: " + value);
        }
    }
}
