package dev.formbridge.portal.security;

import dev.formbridge.UserFacing;
import java.util.function.Function;

/**
 * What a user sees for anything that does not exist <em>for them</em>: another organisation's ids get exactly this,
 * so the portal never tells whether they exist.
 */
public class NotFoundException extends RuntimeException implements UserFacing {
    public NotFoundException(String what) {
        super(what + " was not found");
    }

    /** A typed id from a route parameter; a malformed one is "not found", like an id that does not exist. */
    public static <T> T idFrom(String value, Function<String, T> parse, String what) {
        try {
            return parse.apply(value);
        } catch (RuntimeException e) {
            throw new NotFoundException(what);
        }
    }
}
