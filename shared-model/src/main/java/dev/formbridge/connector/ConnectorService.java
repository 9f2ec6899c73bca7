package dev.formbridge.connector;

import dev.formbridge.Json;
import dev.formbridge.outbound.OutboundHttp;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.secret.EncryptedSecret;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.secret.SecretVersion;
import dev.formbridge.secret.SigningSecret;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Creates and changes connectors, checking what a tenant admin typed before it is stored: the filter compiles as an
 * EventBridge pattern, the template compiles, the URL passes the SSRF rules. Every method takes the caller's tenant.
 * A webhook connector's signing secret is returned once ({@link NewConnector}) and stored only encrypted, like its
 * auth and custom headers.
 */
public final class ConnectorService {
    private final ConnectorRepository connectors;
    private final SecretCipher cipher;
    private final OutboundPolicy policy;
    private final Clock clock;

    public ConnectorService(Storage storage, SecretCipher cipher, OutboundPolicy policy, Clock clock) {
        this.connectors = new ConnectorRepository(storage);
        this.cipher = cipher;
        this.policy = policy;
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

    public NewConnector create(TenantId tenant, Spec spec) {
        check(spec);
        ConnectorId id = ConnectorId.next();
        Connector draft = new Connector(
                tenant,
                id,
                spec.type(),
                spec.name().strip(),
                true,
                null,
                ConnectorFilter.require(spec.filter()),
                blankToNull(spec.template()),
                spec.target().strip(),
                List.of(),
                null,
                spec.timeout(),
                spec.retryPolicy(),
                clock.instant(),
                0);
        SigningSecret secret = null;
        List<SecretVersion> secrets = List.of();
        if (spec.type() == ConnectorType.WEBHOOK) {
            secret = SigningSecret.generate();
            EncryptedSecret encrypted = cipher.encrypt(secret.key(), draft.secretContext("signing#v1"));
            secrets = List.of(new SecretVersion(1, encrypted, clock.instant(), null));
        }
        EncryptedSecret headers = encryptHeaders(draft, spec.headers());
        Connector connector = new Connector(
                tenant,
                id,
                spec.type(),
                draft.name(),
                true,
                null,
                draft.filter(),
                draft.template(),
                draft.target(),
                secrets,
                headers,
                spec.timeout(),
                spec.retryPolicy(),
                draft.createdAt(),
                0);
        return new NewConnector(connectors.save(connector), secret);
    }

    public Connector get(TenantId tenant, ConnectorId id) {
        return connectors.find(tenant, id).orElseThrow(() -> new NoSuchElementException("no connector " + id));
    }

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

    public Connector setEnabled(TenantId tenant, ConnectorId id, boolean enabled) {
        Connector connector = get(tenant, id);
        return connectors.save(enabled ? connector.enable() : connector.disable("disabled by an admin"));
    }

    private void check(Spec spec) {
        if (spec.name() == null || spec.name().isBlank() || spec.name().length() > 200) {
            throw new IllegalArgumentException("a connector name has 1 to 200 characters");
        }
        if (spec.target() == null || spec.target().isBlank()) {
            throw new IllegalArgumentException(
                    spec.type() == ConnectorType.EMAIL
                            ? "an e-mail connector needs at least one recipient"
                            : "a connector needs a URL");
        }
        if (spec.type() != ConnectorType.EMAIL) {
            URI url;
            try {
                url = URI.create(spec.target().strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a valid URL: " + e.getMessage());
            }
            OutboundHttp.checkUrl(url, policy);
        }
        ConnectorFilter.require(spec.filter());
        String templateProblem = Templates.problem(blankToNull(spec.template()));
        if (templateProblem != null) {
            throw new IllegalArgumentException(templateProblem);
        }
        if (!spec.headers().isEmpty() && spec.type() != ConnectorType.WEBHOOK) {
            throw new IllegalArgumentException("only webhook connectors send custom headers");
        }
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

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
