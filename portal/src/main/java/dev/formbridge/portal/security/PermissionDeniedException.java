package dev.formbridge.portal.security;

/** The user may see this organisation's data but not change it (a viewer), or not manage its members. */
public class PermissionDeniedException extends RuntimeException {
    public PermissionDeniedException(String message) {
        super(message);
    }
}
