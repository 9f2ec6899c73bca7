package dev.formbridge.submission;

/**
 * What erasing a submission removed: the submission itself (its payload is the only copy of the personal data), its
 * deliveries and their dead letters. All false and zero when an earlier erasure had already removed everything.
 */
public record SubmissionErasure(SubmissionId submissionId, boolean submission, int deliveries, int deadLetters) {

    public boolean removedAnything() {
        return submission || deliveries > 0 || deadLetters > 0;
    }
}
