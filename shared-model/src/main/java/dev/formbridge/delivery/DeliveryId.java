package dev.formbridge.delivery;

import dev.formbridge.Ids;

/** Identifies one delivery (one submission × one connector); it is the {@code webhook-id} the receiver sees, on every attempt. */
public record DeliveryId(String value) {
    public static final String PREFIX = "dlv_";

    public DeliveryId {
        Ids.require(PREFIX, value);
    }

    public static DeliveryId next() {
        return new DeliveryId(Ids.next(PREFIX));
    }

    @Override
    public String toString() {
        return value;
    }
}
