package dev.formbridge.connector;

import dev.formbridge.Ids;

/** Identifies a connector (one destination) within its tenant. */
public record ConnectorId(String value) {
    public static final String PREFIX = "con_";

    public ConnectorId {
        Ids.require(PREFIX, value);
    }

    public static ConnectorId next() {
        return new ConnectorId(Ids.next(PREFIX));
    }

    @Override
    public String toString() {
        return value;
    }
}
