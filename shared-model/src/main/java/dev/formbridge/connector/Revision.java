package dev.formbridge.connector;

import java.time.Instant;
import java.util.Objects;

/**
 * Which version of its settings a connector is at: the {@code number} of that version in the connector's history
 * (1 at creation, one more per edit or restore), who made it ({@code actor}) and when, and for a restore the number of
 * the version it copied ({@code restoredFrom}, 0 otherwise). Rotating a secret or enabling/disabling is not a version.
 */
public record Revision(int number, String actor, Instant at, int restoredFrom) {
    /** The actor of a version nobody is known to have made (connectors stored before versions were recorded). */
    public static final String UNKNOWN_ACTOR = "unknown";

    public Revision {
        if (number < 1) {
            throw new IllegalArgumentException("version numbers start at 1");
        }
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }

    /** The first version, made by creating the connector. */
    public static Revision first(String actor, Instant at) {
        return new Revision(1, actor, at, 0);
    }

    /** The version after this one. */
    public Revision next(String byActor, Instant when, int restoring) {
        return new Revision(number + 1, byActor, when, restoring);
    }
}
