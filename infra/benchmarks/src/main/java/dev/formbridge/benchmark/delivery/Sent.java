package dev.formbridge.benchmark.delivery;

import java.util.Map;

/**
 * What one run sent in its measured window: each accepted submission's id with the {@link System#nanoTime()} its
 * sender got the 202, the window's bounds, and the requests that did not get a 202, by reason.
 */
record Sent(String name, Map<String, Long> accepted, long fromNanos, long toNanos, Map<String, Integer> failures) {

    double seconds() {
        return (toNanos - fromNanos) / 1e9;
    }

    double perSecond() {
        return accepted.size() / seconds();
    }

    int errors() {
        return failures.values().stream().mapToInt(Integer::intValue).sum();
    }
}
