package dev.formbridge.e2e.testutils;

import dev.formbridge.secret.SigningSecret;
import dev.formbridge.secret.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A submission signed as a WordPress site signs it (Standard Webhooks headers over the raw body), sent over plain
 * HTTP. Immutable: {@code with…} methods change one part, e.g. to replay a webhook id or send a stale timestamp.
 *
 * @param siteKey the {@code X-FormBridge-Site} header
 * @param secret the site's signing secret
 * @param webhookId the {@code webhook-id} header (the idempotency key)
 * @param timestamp the {@code webhook-timestamp} header, in unix seconds on the wire
 * @param body the JSON body, signed and sent as these exact bytes
 */
public record SignedSubmission(String siteKey, SigningSecret secret, String webhookId, Instant timestamp, String body) {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A submission with a fresh webhook id, signed now. */
    public static SignedSubmission of(String siteKey, SigningSecret secret, String body) {
        return new SignedSubmission(siteKey, secret, "msg_" + UUID.randomUUID(), Instant.now(), body);
    }

    /** A contact form as the WordPress plugin sends it. */
    public static String contactForm(String name, String email) {
        return "{\"formId\":\"contact\",\"fields\":{\"name\":\"" + name + "\",\"email\":\"" + email
                + "\",\"newsletter\":true},\"submittedAt\":\"" + Instant.now() + "\",\"source\":{\"siteUrl\":"
                + "\"https://demo.example\",\"pageUrl\":\"https://demo.example/contact\",\"plugin\":\"form-bridge\","
                + "\"pluginVersion\":\"1.0.0\"}}";
    }

    public SignedSubmission withWebhookId(String id) {
        return new SignedSubmission(siteKey, secret, id, timestamp, body);
    }

    public SignedSubmission withTimestamp(Instant time) {
        return new SignedSubmission(siteKey, secret, webhookId, time, body);
    }

    public SignedSubmission withSecret(SigningSecret other) {
        return new SignedSubmission(siteKey, other, webhookId, timestamp, body);
    }

    /** POSTs it to {@code ingestUrl} (the full {@code …/v1/submissions} URL) and returns the answer. */
    public Answer sendTo(String ingestUrl) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long seconds = timestamp.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-FormBridge-Site", siteKey)
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(seconds))
                .header("webhook-signature", WebhookSignature.sign(secret, webhookId, seconds, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + ingestUrl + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + ingestUrl, e);
        }
    }

    /** What ingest answered: the status code and the JSON body. */
    public record Answer(int status, String body) {}
}
