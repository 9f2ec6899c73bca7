package dev.formbridge.delivery;

/**
 * Port: hears of {@link DeliveryAlert}s, so the delivery path can have admins told without knowing about members or
 * e-mail (the notification feature implements it). Called on the worker's thread: an implementation must not throw
 * and should be quick; deduplication is its business (the same alert may come from several workers).
 */
@FunctionalInterface
public interface DeliveryAlerts {
    /** Tells nobody. */
    DeliveryAlerts NONE = alert -> {};

    void raise(DeliveryAlert alert);
}
