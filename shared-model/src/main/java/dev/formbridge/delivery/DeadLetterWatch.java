package dev.formbridge.delivery;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises an alert when a connector's dead-letter list grows to 10, 100, 1000, … entries. The counter tells when a
 * threshold is reached (one atomic {@code ADD} per dead letter, exactly one writer sees each value); the list itself is
 * counted only then, to confirm it, since expired dead letters leave the counter ahead. Best effort: a failure is
 * logged and never fails the delivery.
 */
final class DeadLetterWatch {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterWatch.class);

    private final DeadLetterCounts counts;
    private final DeliveryAlerts alerts;

    DeadLetterWatch(DeadLetterCounts counts, DeliveryAlerts alerts) {
        this.counts = counts;
        this.alerts = alerts;
    }

    /** {@code delivery} was just put on the dead-letter list. */
    void added(Delivery delivery, Instant at) {
        try {
            long count = counts.add(delivery.tenantId(), delivery.connectorId());
            if (!isThreshold(count)) {
                return;
            }
            long listed = counts.listed(delivery.tenantId(), delivery.connectorId(), count);
            if (listed < count) {
                counts.reset(delivery.tenantId(), delivery.connectorId(), listed);
                return;
            }
            alerts.raise(DeliveryAlert.deadLetters(delivery.tenantId(), delivery.connectorId(), count, at));
        } catch (RuntimeException e) {
            log.warn("the dead letters of {} were not counted", delivery.connectorId(), e);
        }
    }

    /** 10, 100, 1000 and every further power of ten. */
    static boolean isThreshold(long count) {
        if (count < 10) {
            return false;
        }
        long n = count;
        while (n % 10 == 0) {
            n /= 10;
        }
        return n == 1;
    }
}
