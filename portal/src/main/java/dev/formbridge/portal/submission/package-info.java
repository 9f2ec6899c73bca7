/**
 * Submissions of the selected organisation: a filtered, paged list backed by index queries (no scans), the detail
 * with fields, source, status and deliveries, CSV export streamed to the browser, and erasure on a personal-data
 * request (audited).
 */
package dev.formbridge.portal.submission;
