package dev.formbridge.team;

import dev.formbridge.UserFacing;

/**
 * A member tried something their role does not allow, or a rule about owners forbids. The message says why, in words
 * the portal can show. (Someone who is not a member at all gets a {@link java.util.NoSuchElementException} instead, so
 * they learn nothing about the tenant.)
 */
public final class PermissionDeniedException extends RuntimeException implements UserFacing {
    public PermissionDeniedException(String message) {
        super(message);
    }
}
