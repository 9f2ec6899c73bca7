package dev.formbridge.event;

import java.time.Duration;
import java.util.List;

/** Port: publishes platform events to the bus, all or nothing from the caller's point of view. */
public interface EventPublisher {

    /**
     * Publishes {@code events}. Entries the bus refuses are re-sent a few times; if some still fail, this throws
     * {@link EventPublishException} naming them (the others were published).
     */
    void publish(List<EventEnvelope> events);

    default void publish(EventEnvelope event) {
        publish(List.of(event));
    }

    /**
     * Publishes one event, giving up (with {@link EventPublishException}) once {@code within} has passed: ingest keeps
     * the rest of its time to mark the submission if publishing fails (ADR 0004). The default ignores the bound; an
     * adapter whose calls can hang must honour it.
     */
    default void publish(EventEnvelope event, Duration within) {
        publish(event);
    }

    /** Some events could not be published. */
    final class EventPublishException extends RuntimeException {
        private final List<EventEnvelope> failed;

        public EventPublishException(String message, List<EventEnvelope> failed, Throwable cause) {
            super(message, cause);
            this.failed = List.copyOf(failed);
        }

        public List<EventEnvelope> failed() {
            return failed;
        }
    }
}
