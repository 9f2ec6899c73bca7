/**
 * End-to-end journeys against the whole system started from its jars, as {@code scripts/run-local} starts it: a browser
 * (Playwright, Chromium) through the OpenID Connect provider into the portal, and signed submissions over HTTP as a
 * WordPress site sends them. Each {@code *IT} class starts its own system.
 */
package dev.formbridge.e2e;
