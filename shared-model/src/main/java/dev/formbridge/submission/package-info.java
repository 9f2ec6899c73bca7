/**
 * Submissions as stored (the raw body, exactly once per site and webhook-id), the schema check of their body, and what
 * the portal does with them ({@link dev.formbridge.submission.SubmissionService}): paged listing newest first, the
 * detail, CSV export, and erasure on a personal-data request, which owns the order of the steps and reaches the
 * delivery feature's records through the {@link dev.formbridge.submission.DeliveryRecords} port.
 */
package dev.formbridge.submission;
