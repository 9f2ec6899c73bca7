package dev.formbridge.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formbridge.Json;
import dev.formbridge.secret.SigningSecret;
import dev.formbridge.secret.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Tells a site owner which ingest check a request would fail, from the headers and body their site sent: the first
 * failing check in ingest's order, with what to fix. It never reveals a secret or a correct signature; for a
 * signature mismatch it only says whether the body looks re-serialised (the signature matches a re-formatted copy).
 */
public final class SignatureTroubleshooter {

    /** The outcome: which check, and a message for the site owner. */
    public record Diagnosis(Finding finding, String message) {
        public boolean passes() {
            return finding == Finding.OK;
        }
    }

    /** The checks, in ingest's order. */
    public enum Finding {
        MISSING_HEADER,
        INVALID_WEBHOOK_ID,
        UNKNOWN_SITE_KEY,
        INVALID_TIMESTAMP,
        TIMESTAMP_SKEW,
        SIGNATURE_MISMATCH,
        BODY_RE_SERIALISED,
        OK
    }

    /** What the site sent. Header values may be null when missing. */
    public record Request(String siteKey, String webhookId, String timestamp, String signature, String body) {}

    private final Duration tolerance;

    public SignatureTroubleshooter(Duration tolerance) {
        this.tolerance = tolerance;
    }

    /**
     * Diagnoses {@code request}. {@code secretsOfSite} gives the valid secrets of a site key that belongs to the
     * caller's tenant, or empty for a key that is unknown to the caller (another tenant's keys included).
     */
    public Diagnosis diagnose(
            Request request, Function<String, Optional<List<SigningSecret>>> secretsOfSite, Instant now) {
        List<String> missing = new ArrayList<>();
        if (blank(request.siteKey())) missing.add("X-FormBridge-Site");
        if (blank(request.webhookId())) missing.add("webhook-id");
        if (blank(request.timestamp())) missing.add("webhook-timestamp");
        if (blank(request.signature())) missing.add("webhook-signature");
        if (!missing.isEmpty()) {
            return new Diagnosis(Finding.MISSING_HEADER, "Missing header(s): " + String.join(", ", missing) + ".");
        }
        if (!IngestService.isValidWebhookId(request.webhookId().trim())) {
            return new Diagnosis(
                    Finding.INVALID_WEBHOOK_ID,
                    "webhook-id must be 1 to " + IngestService.MAX_WEBHOOK_ID
                            + " printable ASCII characters without spaces; ingest refuses this one.");
        }
        Optional<List<SigningSecret>> secrets =
                secretsOfSite.apply(request.siteKey().trim());
        if (secrets.isEmpty() || secrets.get().isEmpty()) {
            return new Diagnosis(
                    Finding.UNKNOWN_SITE_KEY,
                    "The site key is not one of this organisation's active sites. Copy it again from the site's page.");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(request.timestamp().trim());
        } catch (NumberFormatException e) {
            return new Diagnosis(
                    Finding.INVALID_TIMESTAMP, "webhook-timestamp must be the time in whole seconds since 1970 (UTC).");
        }
        long skew = timestamp - now.getEpochSecond();
        if (Math.abs(skew) > tolerance.toSeconds()) {
            return new Diagnosis(
                    Finding.TIMESTAMP_SKEW,
                    "The timestamp is " + Math.abs(skew) + " s " + (skew < 0 ? "in the past" : "in the future")
                            + "; ingest accepts ±" + tolerance.toSeconds()
                            + " s. Check the site's clock and sign right before sending.");
        }
        byte[] body = request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
        String id = request.webhookId().trim();
        if (WebhookSignature.verifyAny(secrets.get(), request.signature(), id, timestamp, body)
                .isPresent()) {
            return new Diagnosis(Finding.OK, "All checks pass: ingest would accept this signature.");
        }
        for (byte[] variant : reformatted(request.body())) {
            if (WebhookSignature.verifyAny(secrets.get(), request.signature(), id, timestamp, variant)
                    .isPresent()) {
                return new Diagnosis(
                        Finding.BODY_RE_SERIALISED,
                        "The signature matches a re-formatted copy of this body, not the bytes sent. Sign exactly the "
                                + "bytes you send (serialise the JSON once, then sign and send that string).");
            }
        }
        return new Diagnosis(
                Finding.SIGNATURE_MISMATCH,
                "The signature does not match. Check that the site uses its current secret (after a rotation the "
                        + "previous one only works until its deadline), signs id.timestamp.body with HMAC-SHA256 "
                        + "using the base64-decoded part after whsec_, and sends 'v1,<base64>'.");
    }

    /** Other forms the same JSON often takes when a client re-serialises it. */
    private static List<byte[]> reformatted(String body) {
        List<byte[]> variants = new ArrayList<>();
        if (body == null) {
            return variants;
        }
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            variants.add(Json.MAPPER.writeValueAsBytes(json));
            variants.add(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        } catch (Exception e) {
            // not JSON: only whitespace variants below
        }
        variants.add(body.strip().getBytes(StandardCharsets.UTF_8));
        variants.add((body + "\n").getBytes(StandardCharsets.UTF_8));
        variants.add(body.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
        return variants;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
