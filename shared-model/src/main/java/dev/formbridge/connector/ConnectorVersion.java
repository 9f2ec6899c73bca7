package dev.formbridge.connector;

import dev.formbridge.connector.ConnectorService.Spec;
import java.time.Instant;
import java.util.List;

/**
 * One immutable entry of a connector's version history: its settings as they were ({@code spec}, whose
 * {@code headers} are always empty: credentials are never part of a version), the names of the headers it had then
 * (never their values), who made the change, when, and for a restore the number of the version it copied
 * ({@code restoredFrom}, 0 otherwise). Version 1 is the connector as created.
 */
public record ConnectorVersion(
        int number, Spec spec, List<String> headerNames, String actor, Instant at, int restoredFrom) {
    public ConnectorVersion {
        headerNames = List.copyOf(headerNames);
        if (!spec.headers().isEmpty()) {
            throw new IllegalArgumentException("a connector version never holds header values");
        }
    }
}
