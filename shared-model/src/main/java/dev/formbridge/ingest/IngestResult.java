package dev.formbridge.ingest;

import dev.formbridge.submission.SubmissionId;

/** What ingest answers: the contract table of the protocol, as types. */
public sealed interface IngestResult {

    /** Stored and published for the first time: 202. */
    record Accepted(SubmissionId submissionId) implements IngestResult {}

    /** The site sent this webhook-id before: 200 with the original submission id. */
    record Duplicate(SubmissionId submissionId) implements IngestResult {}

    /** Refused; {@code detail} may refine the public message (400 only), {@code retryAfterSeconds} is 0 if none. */
    record Refused(Rejection rejection, String detail, long retryAfterSeconds) implements IngestResult {
        public static Refused of(Rejection rejection) {
            return new Refused(rejection, null, 0);
        }

        public String message() {
            return detail == null ? rejection.message() : detail;
        }
    }
}
