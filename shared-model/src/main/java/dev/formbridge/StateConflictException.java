package dev.formbridge;

/**
 * An action does not fit the current state of what it acts on (an invitation accepted already, a delivery still
 * pending); the message says so, and what to do instead, in words for the user.
 */
public final class StateConflictException extends IllegalStateException implements UserFacing {
    public StateConflictException(String message) {
        super(message);
    }
}
