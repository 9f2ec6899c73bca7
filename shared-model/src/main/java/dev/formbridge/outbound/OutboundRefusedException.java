package dev.formbridge.outbound;

import dev.formbridge.UserFacing;

/**
 * A delivery URL, or the address its host resolves to, is not allowed by the {@link OutboundPolicy}. The message is
 * meant for a tenant admin (e.g. "api.example.com resolves to 10.0.0.5, a private address") and never contains
 * credentials from the URL. Retrying cannot help until the URL or its DNS changes.
 */
public final class OutboundRefusedException extends RuntimeException implements UserFacing {

    public OutboundRefusedException(String message) {
        super(message);
    }
}
