package dev.formbridge.outbound;

/**
 * Where deliveries may go. In production only https URLs that resolve to public addresses; the local runtime may allow
 * http and loopback/private addresses explicitly, for local receivers.
 */
public record OutboundPolicy(boolean allowHttp, boolean allowPrivateAddresses) {

    public static OutboundPolicy production() {
        return new OutboundPolicy(false, false);
    }

    /** For the local runtime and tests, where receivers listen on 127.0.0.1. */
    public static OutboundPolicy allowLocal() {
        return new OutboundPolicy(true, true);
    }
}
