package dev.formbridge.delivery;

import java.util.List;

/**
 * Port: the delivery queue. Jobs are delivered at least once; a job whose {@code notBefore} is in the future becomes
 * visible then (or earlier, capped by the queue; consumers re-send early jobs). Failures to send throw
 * {@link DeliveryQueueException}, naming the jobs that were not queued.
 */
public interface DeliveryQueue {
    void send(List<DeliveryJob> jobs);

    default void send(DeliveryJob job) {
        send(List.of(job));
    }

    /** Some jobs could not be queued (the others were). */
    final class DeliveryQueueException extends RuntimeException {
        private final List<DeliveryJob> failed;

        public DeliveryQueueException(String message, List<DeliveryJob> failed, Throwable cause) {
            super(message, cause);
            this.failed = List.copyOf(failed);
        }

        public List<DeliveryJob> failed() {
            return failed;
        }
    }
}
