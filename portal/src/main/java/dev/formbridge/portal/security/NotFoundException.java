package dev.formbridge.portal.security;

/**
 * What a user sees for anything that does not exist <em>for them</em>: another organisation's ids get exactly this,
 * so the portal never tells whether they exist.
 */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what) {
        super(what + " was not found");
    }
}
