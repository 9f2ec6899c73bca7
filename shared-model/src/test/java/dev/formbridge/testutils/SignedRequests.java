package dev.formbridge.testutils;

import dev.formbridge.ingest.IngestRequest;
import dev.formbridge.secret.SigningSecret;
import dev.formbridge.secret.WebhookSignature;
import dev.formbridge.site.SiteKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Builds signed submissions the way a WordPress site sends them. */
public final class SignedRequests {
    private SignedRequests() {}

    public static String body(String formId, String email) {
        return "{\"formId\":\"" + formId + "\",\"fields\":{\"email\":\"" + email
                + "\",\"consent\":true,\"topics\":[\"a\",\"b\"]},\"submittedAt\":\"2026-11-26T10:00:00Z\","
                + "\"source\":{\"siteUrl\":\"https://example.org\",\"plugin\":\"cf7\"},\"extra\":{\"kept\":1}}";
    }

    public static Map<String, String> headers(SiteKey site, SigningSecret secret, String id, Instant at, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-FormBridge-Site", site.value());
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(at.getEpochSecond()));
        headers.put("webhook-signature", WebhookSignature.sign(secret, id, at.getEpochSecond(), body));
        return headers;
    }

    /** A signed request as ingest sees it after the authorizer resolved the site. */
    public static IngestRequest request(SiteKey site, SigningSecret secret, String id, Instant at, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new IngestRequest(
                site.tenantId().value(), site.siteId().value(), headers(site, secret, id, at, bytes), bytes);
    }

    public static String newId() {
        return "msg_" + UUID.randomUUID();
    }
}
