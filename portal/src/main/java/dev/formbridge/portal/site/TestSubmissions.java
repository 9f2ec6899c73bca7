package dev.formbridge.portal.site;

import dev.formbridge.Ids;
import dev.formbridge.portal.base.RuntimeSettings;
import dev.formbridge.secret.SigningSecret;
import dev.formbridge.secret.WebhookSignature;
import dev.formbridge.site.Site;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Sends a sample submission for a site the way a WordPress site would: signed here with the site's primary secret and
 * posted to the real ingest endpoint, so the whole path (authorizer, signature, storage, fan-out) is exercised.
 */
@Component
public class TestSubmissions {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String ingestUrl;
    private final Clock clock;

    public TestSubmissions(RuntimeSettings settings, Clock clock) {
        this.ingestUrl = settings.ingestUrl();
        this.clock = clock;
    }

    /** The ingest endpoint's answer. */
    public record Result(int status, String body) {
        public boolean accepted() {
            return status == 202 || status == 200;
        }
    }

    Result send(Site site, SigningSecret secret, String sentBy) {
        String id = Ids.next("test_");
        long timestamp = clock.instant().getEpochSecond();
        byte[] body = sampleBody(site, sentBy).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-FormBridge-Site", site.key().value())
                .header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", WebhookSignature.sign(secret, id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Result(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("The ingest endpoint did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String sampleBody(Site site, String sentBy) {
        return "{\"formId\":\"formbridge-test\",\"fields\":{\"message\":\"Test submission from the Form-Bridge portal\","
                + "\"sentBy\":" + quote(sentBy) + "},\"submittedAt\":\"" + clock.instant() + "\","
                + "\"source\":{\"siteUrl\":" + quote(site.url()) + ",\"plugin\":\"formbridge-portal\"}}";
    }

    private static String quote(String text) {
        return dev.formbridge.Json.MAPPER.valueToTree(text).toString();
    }
}
