package dev.formbridge.benchmark.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formbridge.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the receivers saw: one entry per request, whichever connector it came through, in no particular order. */
final class Arrivals {
    /**
     * One request: through which connector, its {@code webhook-id} (the delivery id), the body's {@code submissionId}
     * and {@code receivedAt} (null if the body was not the default envelope), and when it arrived by both clocks.
     */
    record Arrival(int connector, String webhookId, String submissionId, Instant receivedAt, long nanos, Instant at) {}

    private final Queue<Arrival> log = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong lastNanos = new AtomicLong(System.nanoTime());

    void record(int connector, String webhookId, byte[] body, long nanos, Instant at) {
        String submissionId = null;
        Instant receivedAt = null;
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            receivedAt = Instant.parse(json.path("receivedAt").asText());
            submissionId = json.path("submissionId").textValue(); // set last: with it, receivedAt is there too
        } catch (IOException | DateTimeParseException e) {
            // counted as a stray: it matches no submission
        }
        log.add(new Arrival(connector, webhookId, submissionId, receivedAt, nanos, at));
        count.incrementAndGet();
        lastNanos.accumulateAndGet(nanos, Math::max);
    }

    /** Whether each of {@code submissions} arrived through each of the {@code connectors} (duplicates count once). */
    boolean allArrived(Map<String, ?> submissions, int connectors) {
        int expected = submissions.size() * connectors;
        if (count.get() < expected) {
            return false; // the cheap test first: this runs while the system under test still works
        }
        Set<String> pairs = new HashSet<>();
        for (Arrival arrival : log) {
            if (arrival.submissionId() != null && submissions.containsKey(arrival.submissionId())) {
                pairs.add(arrival.submissionId() + "#" + arrival.connector());
            }
        }
        return pairs.size() >= expected;
    }

    List<Arrival> all() {
        return List.copyOf(log);
    }

    /** {@link System#nanoTime()} of the latest arrival (of the creation, before any). */
    long lastNanos() {
        return lastNanos.get();
    }
}
