package dev.formbridge.connector;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.formbridge.Json;
import dev.formbridge.connector.ConnectorService.Spec;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.storage.Storage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connector's version history. The connector item is written first (the commit point, conditional on its lock
 * version) and carries its {@link Revision}; the version item is derived from it and written second. A crash between
 * the two leaves the current version without its item, which {@link #ensureRecorded} writes from the connector before
 * anything reads the history or moves past that version: the history is never missing an entry and never holds one
 * that did not become current.
 */
final class ConnectorHistory {
    private static final TypeReference<Map<String, String>> HEADER_MAP = new TypeReference<>() {};

    private final ConnectorVersionRepository versions;
    private final SecretCipher cipher;

    ConnectorHistory(Storage storage, SecretCipher cipher) {
        this.versions = new ConnectorVersionRepository(storage);
        this.cipher = cipher;
    }

    /** Writes the version item of the connector's current revision, unless it exists (repeating it is harmless). */
    void record(Connector connector) {
        versions.putIfAbsent(connector.tenantId(), connector.id(), versionOf(connector));
    }

    /** Writes the current revision's item if an interrupted change left it unwritten. */
    void ensureRecorded(Connector connector) {
        if (versions.find(
                        connector.tenantId(),
                        connector.id(),
                        connector.revision().number())
                .isEmpty()) {
            record(connector);
        }
    }

    List<ConnectorVersion> list(Connector connector) {
        ensureRecorded(connector);
        return versions.list(connector.tenantId(), connector.id());
    }

    Optional<ConnectorVersion> find(Connector connector, int number) {
        if (number == connector.revision().number()) {
            ensureRecorded(connector);
        }
        return versions.find(connector.tenantId(), connector.id(), number);
    }

    /** The connector's current settings as a version: its spec without credentials, and its header names. */
    ConnectorVersion versionOf(Connector connector) {
        Revision revision = connector.revision();
        return new ConnectorVersion(
                revision.number(),
                specOf(connector),
                headerNames(connector),
                revision.actor(),
                revision.at(),
                revision.restoredFrom());
    }

    static Spec specOf(Connector connector) {
        return new Spec(
                connector.type(),
                connector.name(),
                connector.target(),
                connector.filter(),
                connector.template(),
                Map.of(),
                connector.timeout(),
                connector.retryPolicy());
    }

    /** The names of the connector's stored headers, sorted (their values are credentials and stay encrypted). */
    List<String> headerNames(Connector connector) {
        if (connector.headers() == null) {
            return List.of();
        }
        byte[] json = cipher.decrypt(connector.headers(), connector.secretContext("headers"));
        try {
            return Json.MAPPER.readValue(json, HEADER_MAP).keySet().stream()
                    .sorted(String.CASE_INSENSITIVE_ORDER)
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("stored connector headers are always a JSON object", e);
        }
    }
}
