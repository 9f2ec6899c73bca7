package dev.formbridge.connector;

import java.util.Optional;
import software.amazon.event.ruler.RuleCompiler;

/**
 * A connector's filter: an EventBridge event pattern, evaluated with AWS event-ruler (EventBridge's own engine) against
 * the filter event of a submission: {@code {"source", "detail-type", "detail": {"tenantId", "siteId", "formId",
 * "submissionId", "receivedAt", "sizeBytes", "fields": {...}}}}. No filter means every submission.
 */
public final class ConnectorFilter {
    private ConnectorFilter() {}

    /** Why {@code pattern} is not a valid event pattern, or empty when it is (or when there is no filter). */
    public static Optional<String> problem(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return Optional.empty();
        }
        String error;
        try {
            error = RuleCompiler.check(pattern);
        } catch (RuntimeException e) {
            error = e.getMessage();
        }
        return Optional.ofNullable(error).map(e -> "invalid filter pattern: " + e);
    }

    /** Returns {@code pattern} normalised (null for no filter), or throws with what is wrong. */
    public static String require(String pattern) {
        problem(pattern).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return pattern == null || pattern.isBlank() ? null : pattern.strip();
    }
}
