package dev.formbridge.metrics;

import dev.formbridge.tenant.TenantId;
import java.time.Instant;
import java.util.Map;

/** One stored bucket as read back: whose, which dimension, when it starts, and its counters. */
record MetricBucket(TenantId tenantId, String dimension, Instant start, Map<String, Long> counters) {
    MetricBucket {
        counters = Map.copyOf(counters);
    }

    boolean isSite() {
        return dimension.startsWith(MetricCounters.site(""));
    }

    boolean isConnector() {
        return dimension.startsWith(MetricCounters.connector(""));
    }

    /** The site or connector id the dimension names. */
    String id() {
        return dimension.substring(dimension.indexOf('#') + 1);
    }

    long get(String counter) {
        return counters.getOrDefault(counter, 0L);
    }
}
