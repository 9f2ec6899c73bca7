package dev.formbridge.submission;

import dev.formbridge.Ids;
import java.time.Instant;

/**
 * Identifies one stored submission. Its ULID carries the time the submission was received, to the millisecond, so
 * ids sort by arrival and the id alone names the submission's entry in the time index (ADR 0023).
 */
public record SubmissionId(String value) {
    public static final String PREFIX = "sub_";

    public SubmissionId {
        Ids.require(PREFIX, value);
    }

    /** A new id for a submission received at {@code receivedAt}. */
    public static SubmissionId receivedAt(Instant receivedAt) {
        return new SubmissionId(Ids.at(PREFIX, receivedAt));
    }

    /** When the submission was received, to the millisecond: the time the id carries. */
    public Instant receivedAt() {
        return Ids.timeOf(PREFIX, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
