package dev.formbridge.connector;

import dev.formbridge.Json;
import dev.formbridge.connector.ConnectorService.NewConnector;
import dev.formbridge.connector.ConnectorService.Spec;
import dev.formbridge.secret.EncryptedSecret;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.secret.SecretVersion;
import dev.formbridge.secret.SigningSecret;
import dev.formbridge.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Turns a checked {@link Spec} into a connector (new, or an existing one with new settings) without storing it. */
final class ConnectorDrafts {
    private final SpecCheck rules;
    private final SecretCipher cipher;
    private final Clock clock;

    ConnectorDrafts(SpecCheck rules, SecretCipher cipher, Clock clock) {
        this.rules = rules;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * {@code current} with the checked settings of {@code spec} at the same revision; its stored headers unless the
     * spec has some (encrypted here).
     */
    Connector apply(Connector current, Spec spec) {
        rules.check(spec);
        EncryptedSecret headers =
                spec.headers().isEmpty() ? current.headers() : encryptHeaders(current, spec.headers());
        return current.withSettings(
                spec.name().strip(),
                spec.target().strip(),
                ConnectorFilter.require(spec.filter()),
                SpecCheck.blankToNull(spec.template()),
                headers,
                spec.timeout(),
                spec.retryPolicy(),
                current.revision());
    }

    static boolean sameSettings(Connector a, Connector b) {
        return a.name().equals(b.name())
                && a.target().equals(b.target())
                && Objects.equals(a.filter(), b.filter())
                && Objects.equals(a.template(), b.template())
                && a.timeout().equals(b.timeout())
                && a.retryPolicy().delays().equals(b.retryPolicy().delays())
                && a.retryPolicy()
                        .retryableClientErrors()
                        .equals(b.retryPolicy().retryableClientErrors());
    }

    /** A new connector from {@code spec}, not stored, with a new signing secret if it is a webhook. */
    NewConnector create(TenantId tenant, ConnectorId id, Spec spec, String actor) {
        rules.check(spec);
        Instant now = clock.instant();
        Connector bare = new Connector(
                tenant,
                id,
                spec.type(),
                spec.name().strip(),
                true,
                null,
                ConnectorFilter.require(spec.filter()),
                SpecCheck.blankToNull(spec.template()),
                spec.target().strip(),
                List.of(),
                null,
                spec.timeout(),
                spec.retryPolicy(),
                now,
                0,
                Revision.first(actor, now));
        SigningSecret secret = null;
        if (spec.type() == ConnectorType.WEBHOOK) {
            secret = SigningSecret.generate();
            EncryptedSecret encrypted = cipher.encrypt(secret.key(), bare.secretContext("signing#v1"));
            bare = bare.withSigningSecrets(List.of(new SecretVersion(1, encrypted, now, null)));
        }
        Connector connector = bare.withSettings(
                bare.name(),
                bare.target(),
                bare.filter(),
                bare.template(),
                encryptHeaders(bare, spec.headers()),
                bare.timeout(),
                bare.retryPolicy(),
                bare.revision());
        return new NewConnector(connector, secret);
    }

    private EncryptedSecret encryptHeaders(Connector connector, Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        try {
            return cipher.encrypt(Json.MAPPER.writeValueAsBytes(headers), connector.secretContext("headers"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }
}
