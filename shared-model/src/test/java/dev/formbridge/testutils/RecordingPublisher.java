package dev.formbridge.testutils;

import dev.formbridge.event.EventEnvelope;
import dev.formbridge.event.EventPublisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An event publisher for tests: keeps what was published and can be switched to fail like an unavailable bus. */
public final class RecordingPublisher implements EventPublisher {
    private final List<EventEnvelope> published = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public void publish(List<EventEnvelope> events) {
        if (failing) {
            throw new EventPublishException("bus down (test)", events, null);
        }
        published.addAll(events);
    }

    public void failing(boolean failing) {
        this.failing = failing;
    }

    public List<EventEnvelope> published() {
        return List.copyOf(published);
    }
}
