package dev.formbridge.portal.security;

import dev.formbridge.UserFacing;

/**
 * The page (browser tab) works in an organisation the signed-in user no longer belongs to: they left or were removed
 * meanwhile. The page is refused rather than moved to another organisation, so nothing lands in the wrong one.
 */
public class StalePageException extends RuntimeException implements UserFacing {
    public StalePageException() {
        super("This page shows an organisation you no longer belong to. Reload the page.");
    }
}
