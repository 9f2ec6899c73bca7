package dev.formbridge.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.formbridge.Json;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.Templates;
import dev.formbridge.outbound.OutboundHttp;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.secret.SecretVersion;
import dev.formbridge.secret.SigningSecret;
import dev.formbridge.secret.WebhookSignature;
import dev.formbridge.submission.Submission;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Delivers to a webhook: a JSON POST signed with Standard Webhooks headers ({@code webhook-id} = the delivery id, the
 * same on every attempt; a signature per valid connector secret, so receivers keep verifying during a rotation), plus
 * the connector's decrypted auth and custom headers.
 */
public final class WebhookSender implements RequestSender {
    static final String USER_AGENT = "Form-Bridge-Webhooks/1.0";
    private static final TypeReference<Map<String, String>> HEADER_MAP = new TypeReference<>() {};

    private final OutboundHttp http;
    private final SecretCipher cipher;
    private final Clock clock;
    private final ConcurrentHashMap<String, SigningSecret> secrets = new ConcurrentHashMap<>();

    public WebhookSender(OutboundHttp http, SecretCipher cipher, Clock clock) {
        this.http = http;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public DeliveryRequest request(Connector connector, String deliveryId, Submission submission) {
        byte[] body = Templates.webhookBody(connector.template(), submission, deliveryId)
                .getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> custom = customHeaders(connector);
        Map<String, String> headers = new LinkedHashMap<>(custom);
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", USER_AGENT);
        headers.put("webhook-id", deliveryId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", signatures(connector, deliveryId, timestamp, body));
        Set<String> secret = new HashSet<>(custom.keySet());
        secret.add("webhook-signature");
        return new DeliveryRequest.Http(
                URI.create(connector.target()), headers, body, connector.timeout(), secret, false);
    }

    @Override
    public SendOutcome send(DeliveryRequest request) {
        if (!(request instanceof DeliveryRequest.Http post)) {
            throw new IllegalArgumentException("a webhook sends HTTP requests");
        }
        return HttpOutcomes.post(http, post.url(), post.headers(), post.body(), post.timeout());
    }

    private String signatures(Connector connector, String id, long timestamp, byte[] body) {
        List<SecretVersion> valid = connector.validSigningSecrets(clock.instant());
        return valid.stream()
                .map(version -> WebhookSignature.sign(secret(connector, version), id, timestamp, body))
                .collect(Collectors.joining(" "));
    }

    private SigningSecret secret(Connector connector, SecretVersion version) {
        String context = connector.secretContext("signing#v" + version.version());
        return secrets.computeIfAbsent(context, c -> SigningSecret.fromKey(cipher.decrypt(version.secret(), c)));
    }

    private Map<String, String> customHeaders(Connector connector) {
        if (connector.headers() == null) {
            return Map.of();
        }
        byte[] json = cipher.decrypt(connector.headers(), connector.secretContext("headers"));
        try {
            return Json.MAPPER.readValue(json, HEADER_MAP);
        } catch (IOException e) {
            throw new IllegalStateException("stored connector headers are always a JSON object", e);
        }
    }

    /** Parses {@code Retry-After}: whole seconds, or an HTTP date. */
    static Optional<Duration> retryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
        } catch (NumberFormatException notSeconds) {
            try {
                var date = java.time.ZonedDateTime.parse(
                        value.strip(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(clock.instant(), date.toInstant());
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }
}
