package dev.formbridge.delivery;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** Not delivered yet; an attempt is queued. */
    PENDING,
    /** The destination accepted it. */
    DELIVERED,
    /** Given up (retries exhausted, a permanent error, or the connector was disabled); on the dead-letter list. */
    FAILED
}
