package dev.formbridge.metrics;

import dev.formbridge.metrics.MetricCounterRepository.Granularity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an hour bucket keeps its minutes (ADR 0019): each counter once per minute, named {@code <mm>:<counter>}
 * ({@code 07:accepted}), so one write adds a flush's counts to its minute and its hour at once. The hour's count is the
 * sum of its minutes. A counter without a minute (hour buckets written before minutes moved into them) counts for the
 * hour but for no minute.
 */
final class HourBuckets {
    private HourBuckets() {}

    /** The attribute of {@code counter} in the minute starting at {@code minute}. */
    static String name(Instant minute, String counter) {
        long ofHour = Duration.between(Granularity.HOUR.start(minute), minute).toMinutes();
        return String.format(Locale.ROOT, "%02d:%s", ofHour, counter);
    }

    /** Each minute's counters (by minute of the hour, 0–59), from an hour bucket's counters. */
    static Map<Integer, Map<String, Long>> minutes(Map<String, Long> stored) {
        Map<Integer, Map<String, Long>> minutes = new TreeMap<>();
        stored.forEach((name, n) -> {
            if (isMinute(name)) {
                minutes.computeIfAbsent(Integer.parseInt(name.substring(0, 2)), m -> new HashMap<>())
                        .put(name.substring(3), n);
            }
        });
        return minutes;
    }

    /** The hour's counters: every minute's summed, and those kept for the hour alone. */
    static Map<String, Long> hour(Map<String, Long> stored) {
        Map<String, Long> hour = new HashMap<>();
        stored.forEach((name, n) -> hour.merge(isMinute(name) ? name.substring(3) : name, n, Long::sum));
        return hour;
    }

    private static boolean isMinute(String name) {
        return name.length() > 3
                && Character.isDigit(name.charAt(0))
                && Character.isDigit(name.charAt(1))
                && name.charAt(2) == ':';
    }
}
