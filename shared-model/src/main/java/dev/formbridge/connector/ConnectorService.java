package dev.formbridge.connector;

import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.secret.EncryptedSecret;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.secret.SecretVersion;
import dev.formbridge.secret.SigningSecret;
import dev.formbridge.storage.ConcurrentModificationException;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Creates and changes connectors, checking what a tenant admin typed before it is stored: the filter compiles as an
 * EventBridge pattern, the template compiles, the URL passes the SSRF rules. Every method takes the caller's tenant;
 * another tenant's connector is not found ({@link NoSuchElementException}). A webhook connector's signing secret is
 * returned once ({@link NewConnector}) and stored only encrypted, like its auth and custom headers, which are
 * write-only: no method returns them.
 *
 * <p>Every change of a connector's settings (create, {@link #update}, {@link #clearHeaders}, {@link #restore}) is a
 * new version in its history ({@link #versions}): an immutable copy of the settings without credentials, with who and
 * when. There are no transactions, so a change is two conditional single-item writes in a fixed order: first the
 * connector, conditional on the lock version that was read (a concurrent change fails with
 * {@link dev.formbridge.storage.ConcurrentModificationException} and is not half-applied), carrying the new version's
 * number, actor and time; then the version item, derived from the connector, put only if absent. A crash between the
 * two leaves the new settings current and their version item missing; the next change, history read or restore of
 * that connector writes it from the connector before going on, so the history ends up complete and holds no version
 * that never became current. Enabling, disabling and secret rotation change no settings and make no version.
 */
public final class ConnectorService {
    private final ConnectorRepository connectors;
    private final ConnectorHistory history;
    private final CircuitStateRepository circuits;
    private final ConnectorDrafts drafts;
    private final SecretCipher cipher;
    private final Clock clock;

    public ConnectorService(Storage storage, SecretCipher cipher, OutboundPolicy policy, Clock clock) {
        this.connectors = new ConnectorRepository(storage);
        this.history = new ConnectorHistory(storage, cipher);
        this.circuits = new CircuitStateRepository(storage);
        this.drafts = new ConnectorDrafts(new SpecCheck(policy), cipher, clock);
        this.cipher = cipher;
        this.clock = clock;
    }

    /** What a tenant admin specifies for a connector. {@code headers}: auth and custom headers (webhook only). */
    public record Spec(
            ConnectorType type,
            String name,
            String target,
            String filter,
            String template,
            Map<String, String> headers,
            Duration timeout,
            RetryPolicy retryPolicy) {
        public Spec {
            headers = headers == null ? Map.of() : headers;
        }

        public static Spec webhook(String name, String url) {
            return new Spec(
                    ConnectorType.WEBHOOK,
                    name,
                    url,
                    null,
                    null,
                    Map.of(),
                    Connector.DEFAULT_TIMEOUT,
                    RetryPolicy.defaults());
        }

        public Spec withFilter(String pattern) {
            return new Spec(type, name, target, pattern, template, headers, timeout, retryPolicy);
        }

        public Spec withTemplate(String newTemplate) {
            return new Spec(type, name, target, filter, newTemplate, headers, timeout, retryPolicy);
        }

        public Spec withHeaders(Map<String, String> newHeaders) {
            return new Spec(type, name, target, filter, template, newHeaders, timeout, retryPolicy);
        }

        public Spec withTimeout(Duration newTimeout) {
            return new Spec(type, name, target, filter, template, headers, newTimeout, retryPolicy);
        }

        /** {@code Authorization: Bearer <token>}. */
        public Spec withBearer(String token) {
            return withHeader("Authorization", "Bearer " + token);
        }

        /** {@code Authorization: Basic <base64(user:password)>}. */
        public Spec withBasic(String user, String password) {
            String pair = user + ":" + password;
            return withHeader(
                    "Authorization",
                    "Basic "
                            + java.util.Base64.getEncoder()
                                    .encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }

        /** An API key in a header of the receiver's choosing, e.g. {@code X-Api-Key}. */
        public Spec withApiKey(String header, String key) {
            return withHeader(header, key);
        }

        public Spec withHeader(String name, String value) {
            Map<String, String> more = new java.util.LinkedHashMap<>(headers);
            more.put(name, value);
            return withHeaders(more);
        }

        public Spec withRetryPolicy(RetryPolicy policy) {
            return new Spec(type, name, target, filter, template, headers, timeout, policy);
        }
    }

    /** A connector with the signing secret just created for it (webhooks; null otherwise): show it once. */
    public record NewConnector(Connector connector, SigningSecret signingSecret) {}

    /** Creates a connector as version 1, made by an unknown actor; prefer {@link #create(TenantId, Spec, String)}. */
    public NewConnector create(TenantId tenant, Spec spec) {
        return create(tenant, spec, Revision.UNKNOWN_ACTOR);
    }

    /** Creates a connector, enabled, as version 1 of its history, made by {@code actor}. */
    public NewConnector create(TenantId tenant, Spec spec, String actor) {
        NewConnector built = drafts.create(tenant, ConnectorId.next(), spec, requireActor(actor));
        Connector saved = connectors.save(built.connector());
        history.record(saved);
        return new NewConnector(saved, built.signingSecret());
    }

    /**
     * The connector as it would be with {@code spec}, checked but not stored, for a dry run of unsaved edits:
     * {@code id} null means a new connector (with a throw-away signing secret); otherwise the stored connector with
     * the spec's settings and, when the spec has none, its stored headers.
     */
    public Connector draft(TenantId tenant, ConnectorId id, Spec spec) {
        if (id == null) {
            return drafts.create(tenant, ConnectorId.next(), spec, Revision.UNKNOWN_ACTOR)
                    .connector();
        }
        Connector current = get(tenant, id);
        return drafts.apply(current, spec);
    }

    /**
     * Changes a connector's settings: name, target, filter, template, timeout, retry policy and, if {@code spec} has
     * any, its headers (replacing all stored ones; a spec without headers keeps them, since the portal never has
     * them to send back). The type cannot change. A spec equal to the current settings changes nothing; anything
     * else is a new version made by {@code actor}. Applies to the connector as it is now, whatever it was when the
     * spec was made: an editor that showed the connector to someone uses {@link #update(TenantId, ConnectorId, long,
     * Spec, String)}.
     *
     * @throws dev.formbridge.storage.ConcurrentModificationException someone changed the connector meanwhile
     */
    public Connector update(TenantId tenant, ConnectorId id, Spec spec, String actor) {
        return change(get(tenant, id), spec, requireActor(actor), 0, false);
    }

    /**
     * Like {@link #update(TenantId, ConnectorId, Spec, String)}, but only if the connector is still at lock version
     * {@code loadedVersion} ({@link Connector#version()}), the one the editor's form was loaded from: a change saved
     * meanwhile by anyone (settings, enabling, a secret rotation, a 410 that disabled it) is not silently overwritten.
     *
     * @throws dev.formbridge.storage.ConcurrentModificationException the connector changed since it was loaded
     */
    public Connector update(TenantId tenant, ConnectorId id, long loadedVersion, Spec spec, String actor) {
        Connector current = get(tenant, id);
        if (current.version() != loadedVersion) {
            throw new ConcurrentModificationException("connector " + id);
        }
        return change(current, spec, requireActor(actor), 0, false); // saved conditional on loadedVersion
    }

    /** Removes all of a webhook connector's auth and custom headers, as a new version. */
    public Connector clearHeaders(TenantId tenant, ConnectorId id, String actor) {
        Connector current = get(tenant, id);
        return change(current, ConnectorHistory.specOf(current), requireActor(actor), 0, true);
    }

    /** The connector's versions, newest first (the first one is its current settings). */
    public List<ConnectorVersion> versions(TenantId tenant, ConnectorId id) {
        return history.list(get(tenant, id));
    }

    /** One version of the connector. */
    public ConnectorVersion version(TenantId tenant, ConnectorId id, int number) {
        return history.find(get(tenant, id), number)
                .orElseThrow(() -> new NoSuchElementException("no version " + number + " of connector " + id));
    }

    /**
     * Makes version {@code number}'s settings current again, as a new version that records it as restored from
     * {@code number}. Credentials (headers, signing secrets) stay as they are now; the settings are checked again
     * (a URL that the SSRF rules refuse today is refused). Restoring settings equal to the current ones changes
     * nothing.
     */
    public Connector restore(TenantId tenant, ConnectorId id, int number, String actor) {
        Connector current = get(tenant, id);
        ConnectorVersion version = history.find(current, number)
                .orElseThrow(() -> new NoSuchElementException("no version " + number + " of connector " + id));
        return change(current, version.spec(), requireActor(actor), number, false);
    }

    /** The connector's circuit breaker as the delivery workers last recorded it. */
    public CircuitState circuit(TenantId tenant, ConnectorId id) {
        get(tenant, id);
        return circuits.find(tenant, id, clock.instant());
    }

    /** The tenant's connector; {@link NoSuchElementException} for an unknown id or another tenant's. */
    public Connector get(TenantId tenant, ConnectorId id) {
        return connectors.find(tenant, id).orElseThrow(() -> new NoSuchElementException("no connector " + id));
    }

    /** All of the tenant's connectors. */
    public List<Connector> list(TenantId tenant) {
        return connectors.list(tenant);
    }

    /**
     * A new primary signing secret for a webhook connector; the current one stays valid for {@code grace} (deliveries
     * carry a signature by each valid secret meanwhile). Returns the new secret once.
     */
    public NewConnector rotateSigningSecret(TenantId tenant, ConnectorId id, Duration grace) {
        Connector connector = get(tenant, id);
        if (connector.type() != ConnectorType.WEBHOOK) {
            throw new IllegalArgumentException("only webhook connectors have a signing secret");
        }
        SecretVersion current = connector.signingSecrets().stream()
                .filter(SecretVersion::isPrimary)
                .findFirst()
                .orElseThrow();
        int version = connector.signingSecrets().stream()
                        .mapToInt(SecretVersion::version)
                        .max()
                        .orElse(0)
                + 1;
        SigningSecret secret = SigningSecret.generate();
        EncryptedSecret encrypted = cipher.encrypt(secret.key(), connector.secretContext("signing#v" + version));
        List<SecretVersion> versions = List.of(
                new SecretVersion(version, encrypted, clock.instant(), null),
                new SecretVersion(
                        current.version(),
                        current.secret(),
                        current.createdAt(),
                        clock.instant().plus(grace)));
        return new NewConnector(connectors.save(connector.withSigningSecrets(versions)), secret);
    }

    /** Ends the previous signing secret's grace period now. */
    public Connector retirePreviousSigningSecret(TenantId tenant, ConnectorId id) {
        Connector connector = get(tenant, id);
        return connectors.save(connector.withSigningSecrets(connector.signingSecrets().stream()
                .filter(SecretVersion::isPrimary)
                .toList()));
    }

    /** Enables or disables a connector (not a change of its settings: no version). */
    public Connector setEnabled(TenantId tenant, ConnectorId id, boolean enabled) {
        Connector connector = get(tenant, id);
        return connectors.save(enabled ? connector.enable() : connector.disable("disabled by an admin"));
    }

    private Connector change(Connector current, Spec spec, String actor, int restoredFrom, boolean clearHeaders) {
        if (spec.type() != current.type()) {
            throw new IllegalArgumentException("a connector's type cannot change; create a new connector instead");
        }
        history.ensureRecorded(current); // a version an interrupted change left unwritten, before moving past it
        Connector proposed = drafts.apply(current, spec);
        EncryptedSecret headers = clearHeaders ? null : proposed.headers();
        if (ConnectorDrafts.sameSettings(current, proposed) && Objects.equals(headers, current.headers())) {
            return current;
        }
        Revision next = current.revision().next(actor, clock.instant(), restoredFrom);
        Connector saved = connectors.save(proposed.withSettings(
                proposed.name(),
                proposed.target(),
                proposed.filter(),
                proposed.template(),
                headers,
                proposed.timeout(),
                proposed.retryPolicy(),
                next));
        history.record(saved); // second write: if it never happens, ensureRecorded repairs it
        return saved;
    }

    private static String requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a change needs the acting user");
        }
        return actor;
    }
}
