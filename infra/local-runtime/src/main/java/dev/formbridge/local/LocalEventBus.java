package dev.formbridge.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formbridge.Json;
import dev.formbridge.event.EventEnvelope;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.Machine;

/**
 * The local twin of the EventBridge bus: rules are EventBridge patterns evaluated by AWS event-ruler (EventBridge's
 * own matching engine), targets are consumers in this process, called asynchronously as EventBridge would.
 */
public final class LocalEventBus implements Consumer<EventEnvelope>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalEventBus.class);

    private static final long[] RETRY_DELAYS_MILLIS = {100, 500, 2_000, 5_000, 15_000, 30_000};

    private final Machine machine = new Machine();
    private final Map<String, Consumer<EventEnvelope>> targets = new ConcurrentHashMap<>();
    /** How many of the latest events {@link #received()} keeps. */
    static final int KEPT_EVENTS = 1_000;

    private final Deque<EventEnvelope> recent = new ArrayDeque<>(); // guarded by itself
    private final AtomicLong accepted = new AtomicLong();
    private final ExecutorService delivery = Executors.newVirtualThreadPerTaskExecutor();

    /** Adds a rule: events matching {@code pattern} (EventBridge pattern JSON) go to {@code target}. */
    public synchronized void addRule(String name, String pattern, Consumer<EventEnvelope> target) {
        try {
            machine.addRule(name, pattern);
        } catch (IOException e) {
            throw new IllegalArgumentException("rule " + name + " has an invalid pattern: " + e.getMessage(), e);
        }
        targets.put(name, target);
    }

    /** Accepts an event (like PutEvents) and delivers it to the targets of every matching rule. */
    @Override
    public void accept(EventEnvelope event) {
        synchronized (recent) {
            if (recent.size() == KEPT_EVENTS) {
                recent.removeFirst();
            }
            recent.addLast(event);
        }
        accepted.incrementAndGet();
        // matched on the event as a tree, not as JSON text that event-ruler would parse again (docs/benchmarks.md,
        // Decisions, fifth pass). Numbers reach it as Jackson renders them (1.50 as 1.5), where EventBridge sees the
        // literal; no rule here matches a number (EventContract's patterns name the source and the detail type)
        List<String> matched = machine.rulesForJSONEvent(toEventBridgeEvent(event));
        for (String rule : matched) {
            Consumer<EventEnvelope> target = targets.get(rule);
            delivery.execute(() -> deliver(rule, target, event));
        }
    }

    /** Calls a target, retrying failures with backoff as EventBridge does (here: 6 tries within about a minute). */
    private void deliver(String rule, Consumer<EventEnvelope> target, EventEnvelope event) {
        for (int attempt = 0; attempt < RETRY_DELAYS_MILLIS.length; attempt++) {
            try {
                target.accept(event);
                return;
            } catch (RuntimeException e) {
                log.warn(
                        "rule {}: target failed ({}), attempt {}",
                        rule,
                        e.getClass().getSimpleName(),
                        attempt + 1);
                if (!sleep(RETRY_DELAYS_MILLIS[attempt])) {
                    return;
                }
            }
        }
        log.error("rule {}: target failed {} times; event dropped", rule, RETRY_DELAYS_MILLIS.length);
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The latest {@value #KEPT_EVENTS} events the bus accepted, oldest first (the local stand-in for EventBridge's
     * archive). Bounded: a runtime that runs for days must not keep every event it ever saw, nor copy them all on
     * every publish.
     */
    public List<EventEnvelope> received() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** How many events the bus accepted since it started. */
    public long acceptedCount() {
        return accepted.get();
    }

    /** The event in the shape EventBridge hands to rules and targets. */
    static ObjectNode toEventBridgeEvent(EventEnvelope event) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("version", "0");
        node.put("id", UUID.randomUUID().toString());
        node.put("detail-type", event.detailType());
        node.put("source", event.source());
        node.put("account", "000000000000");
        node.put("time", event.time().toString());
        node.put("region", "local");
        node.putArray("resources");
        try {
            node.set("detail", Json.MAPPER.readTree(event.detail()));
        } catch (IOException e) {
            throw new IllegalArgumentException("an event detail must be JSON", e);
        }
        return node;
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }
}
