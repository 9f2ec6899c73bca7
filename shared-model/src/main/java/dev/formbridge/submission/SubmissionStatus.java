package dev.formbridge.submission;

/**
 * Where a stored submission is on its way out. {@code PUBLISH_PENDING}: stored, but its {@code SubmissionAccepted}
 * event could not be published yet; a retry of the same webhook-id or the re-publisher sends it.
 */
public enum SubmissionStatus {
    ACCEPTED,
    PUBLISH_PENDING
}
