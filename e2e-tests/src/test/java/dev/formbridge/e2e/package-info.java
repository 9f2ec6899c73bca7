/**
 * Playwright journeys against the whole system started locally. They arrive with the Portal issues; the signed-ingest
 * journey over real HTTP is covered by the local runtime's tests until then.
 */
package dev.formbridge.e2e;
