/**
 * What the end-to-end tests run against and with: {@link dev.formbridge.e2e.testutils.LocalSystem} (both jars on free
 * ports), {@link dev.formbridge.e2e.testutils.Browser} (Playwright with Debian's Chromium) and
 * {@link dev.formbridge.e2e.testutils.SignedSubmission} (what a WordPress site sends).
 */
package dev.formbridge.e2e.testutils;
