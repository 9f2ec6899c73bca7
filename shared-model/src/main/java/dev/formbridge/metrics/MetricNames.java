package dev.formbridge.metrics;

import java.util.Set;

/**
 * The counter names writers add and readers sum, in one place. Ingest counts per site ({@code accepted},
 * {@code rejected_<reason>}); delivery counts per connector ({@code delivered}, {@code retried}, {@code failed}) and
 * the latency histogram ({@link LatencyHistogram}).
 */
public final class MetricNames {
    public static final String ACCEPTED = "accepted";
    /** All rejections together: never written, the sum readers make of every {@code rejected_<reason>}. */
    public static final String REJECTED = "rejected";

    public static final String DELIVERED = "delivered";
    public static final String RETRIED = "retried";
    public static final String FAILED = "failed";

    /**
     * The rejection reasons that mean "the signature did not verify" (ingest's signature and timestamp checks), summed
     * as rejected signatures in the platform health view. Unknown or disabled sites are not about a signature.
     */
    public static final Set<String> SIGNATURE_REASONS =
            Set.of("missing_signature", "invalid_timestamp", "stale_timestamp", "future_timestamp", "bad_signature");

    private static final String REJECTED_PREFIX = REJECTED + "_";

    private MetricNames() {}

    /** The counter of one rejection reason, e.g. {@code rejected_bad_signature}. */
    public static String rejected(String reason) {
        return REJECTED_PREFIX + reason;
    }

    static boolean isRejected(String counter) {
        return counter.startsWith(REJECTED_PREFIX);
    }

    /** The reason of a {@code rejected_<reason>} counter. */
    static String reason(String rejectedCounter) {
        return rejectedCounter.substring(REJECTED_PREFIX.length());
    }
}
