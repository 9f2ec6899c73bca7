package dev.formbridge.connector;

import dev.formbridge.secret.EncryptedSecret;
import dev.formbridge.secret.SecretVersion;
import dev.formbridge.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A destination a tenant's submissions are delivered to, with the filter that selects them and the template that
 * shapes them. {@code target} is the URL (webhook, Slack) or the comma-separated recipients (e-mail). A webhook
 * connector has its own Standard Webhooks signing secret versions; {@code headers} holds its auth and custom headers,
 * encrypted (they are credentials and are never shown again). {@code version} is the optimistic lock of the stored
 * item (every save); {@code revision} is the connector's place in its version history (changes of its settings only).
 */
public record Connector(
        TenantId tenantId,
        ConnectorId id,
        ConnectorType type,
        String name,
        boolean enabled,
        String disabledReason,
        String filter,
        String template,
        String target,
        List<SecretVersion> signingSecrets,
        EncryptedSecret headers,
        Duration timeout,
        RetryPolicy retryPolicy,
        Instant createdAt,
        long version,
        Revision revision) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

    public Connector {
        signingSecrets = List.copyOf(signingSecrets);
        java.util.Objects.requireNonNull(revision, "revision");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(
                    "a connector timeout is between 1 ms and " + MAX_TIMEOUT.toSeconds() + " s");
        }
    }

    /** The signing secrets valid at {@code now}, primary first (a webhook is signed with all of them). */
    public List<SecretVersion> validSigningSecrets(Instant now) {
        return signingSecrets.stream()
                .filter(s -> s.isValidAt(now))
                .sorted((a, b) -> Boolean.compare(b.isPrimary(), a.isPrimary()))
                .toList();
    }

    /** The context bound into this connector's encrypted secrets. */
    public String secretContext(String purpose) {
        return tenantId.value() + "#" + id.value() + "#" + purpose;
    }

    public Connector disable(String reason) {
        return new Connector(
                tenantId,
                id,
                type,
                name,
                false,
                reason,
                filter,
                template,
                target,
                signingSecrets,
                headers,
                timeout,
                retryPolicy,
                createdAt,
                version,
                revision);
    }

    public Connector withSigningSecrets(List<SecretVersion> versions) {
        return new Connector(
                tenantId,
                id,
                type,
                name,
                enabled,
                disabledReason,
                filter,
                template,
                target,
                versions,
                headers,
                timeout,
                retryPolicy,
                createdAt,
                version,
                revision);
    }

    public Connector enable() {
        return new Connector(
                tenantId,
                id,
                type,
                name,
                true,
                null,
                filter,
                template,
                target,
                signingSecrets,
                headers,
                timeout,
                retryPolicy,
                createdAt,
                version,
                revision);
    }

    /**
     * This connector with other settings (name, target, filter, template, timeout, retry policy, headers) at
     * {@code newRevision}; its id, type, state and signing secrets stay.
     */
    public Connector withSettings(
            String newName,
            String newTarget,
            String newFilter,
            String newTemplate,
            EncryptedSecret newHeaders,
            Duration newTimeout,
            RetryPolicy newRetryPolicy,
            Revision newRevision) {
        return new Connector(
                tenantId,
                id,
                type,
                newName,
                enabled,
                disabledReason,
                newFilter,
                newTemplate,
                newTarget,
                signingSecrets,
                newHeaders,
                newTimeout,
                newRetryPolicy,
                createdAt,
                version,
                newRevision);
    }
}
