package dev.formbridge.event;

import java.util.List;
import java.util.function.Consumer;

/**
 * The local twin of {@link EventBridgePublisher}: hands each event to a consumer in this process (the local runtime's
 * event-ruler bus). A consumer that throws makes the publish fail, as an unavailable bus would.
 */
public final class InMemoryEventPublisher implements EventPublisher {
    private final Consumer<EventEnvelope> bus;

    public InMemoryEventPublisher(Consumer<EventEnvelope> bus) {
        this.bus = bus;
    }

    @Override
    public void publish(List<EventEnvelope> events) {
        for (int i = 0; i < events.size(); i++) {
            try {
                bus.accept(events.get(i));
            } catch (RuntimeException e) {
                throw new EventPublishException("the local bus refused an event", events.subList(i, events.size()), e);
            }
        }
    }
}
