package dev.formbridge.submission;

import dev.formbridge.Ids;

/** Identifies one stored submission; time-ordered, so ids sort by arrival. */
public record SubmissionId(String value) {
    public static final String PREFIX = "sub_";

    public SubmissionId {
        Ids.require(PREFIX, value);
    }

    public static SubmissionId next() {
        return new SubmissionId(Ids.next(PREFIX));
    }

    @Override
    public String toString() {
        return value;
    }
}
