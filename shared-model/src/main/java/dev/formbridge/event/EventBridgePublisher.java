package dev.formbridge.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes to an EventBridge bus. PutEvents takes at most 10 entries and 256 KB per call, and may accept a call while
 * refusing some of its entries: those are re-sent (up to {@value #MAX_ATTEMPTS} attempts in all), and what still
 * fails is reported in an {@link EventPublishException}. A publish with a time bound stops every call (the SDK's own
 * retries included) and every re-send when the bound is reached, so a hanging bus cannot outlast the function.
 */
public final class EventBridgePublisher implements EventPublisher {
    static final int MAX_ENTRIES = 10;
    static final int MAX_BATCH_BYTES = 256 * 1024;
    static final int MAX_ATTEMPTS = 3;

    private final EventBridgeClient eventBridge;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient eventBridge, String busName) {
        this.eventBridge = eventBridge;
        this.busName = busName;
    }

    @Override
    public void publish(List<EventEnvelope> events) {
        publish(events, null);
    }

    @Override
    public void publish(EventEnvelope event, Duration within) {
        publish(List.of(event), System.nanoTime() + within.toNanos());
    }

    /** {@code deadline}: a {@link System#nanoTime()} reading by which to give up; null for none. */
    private void publish(List<EventEnvelope> events, Long deadline) {
        List<EventEnvelope> failed = new ArrayList<>();
        RuntimeException cause = null;
        for (List<EventEnvelope> batch : batches(events)) {
            List<EventEnvelope> pending = batch;
            SdkException lastError = null;
            for (int attempt = 1; attempt <= MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
                Duration left = deadline == null ? null : Duration.ofNanos(deadline - System.nanoTime());
                if (left != null && !left.isPositive()) {
                    break;
                }
                try {
                    pending = send(pending, left);
                } catch (SdkException e) {
                    lastError = e;
                }
            }
            if (!pending.isEmpty()) {
                failed.addAll(pending);
                if (lastError != null && cause == null) {
                    cause = lastError;
                } else if (lastError != null) {
                    cause.addSuppressed(lastError);
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new EventPublishException(
                    failed.size() + " of " + events.size() + " events were not published to " + busName, failed, cause);
        }
    }

    /** Sends one batch, within {@code left} if not null; returns the entries EventBridge refused. */
    private List<EventEnvelope> send(List<EventEnvelope> batch, Duration left) {
        PutEventsResponse response = eventBridge.putEvents(b -> {
            b.entries(batch.stream().map(this::toEntry).toList());
            if (left != null) {
                b.overrideConfiguration(o -> o.apiCallTimeout(left));
            }
        });
        if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
            return List.of();
        }
        List<EventEnvelope> refused = new ArrayList<>();
        List<PutEventsResultEntry> results = response.entries();
        for (int i = 0; i < batch.size(); i++) {
            if (i >= results.size() || results.get(i).errorCode() != null) {
                refused.add(batch.get(i));
            }
        }
        return refused;
    }

    private PutEventsRequestEntry toEntry(EventEnvelope event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(event.source())
                .detailType(event.detailType())
                .detail(event.detail())
                .time(event.time())
                .build();
    }

    /** Splits events into batches of at most 10 entries and under 256 KB. */
    static List<List<EventEnvelope>> batches(List<EventEnvelope> events) {
        List<List<EventEnvelope>> batches = new ArrayList<>();
        List<EventEnvelope> current = new ArrayList<>();
        int bytes = 0;
        for (EventEnvelope event : events) {
            int size = event.sizeBytes();
            if (size > MAX_BATCH_BYTES) {
                throw new IllegalArgumentException("an event of " + size + " bytes exceeds EventBridge's 256 KB");
            }
            if (current.size() == MAX_ENTRIES || bytes + size > MAX_BATCH_BYTES) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(event);
            bytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
