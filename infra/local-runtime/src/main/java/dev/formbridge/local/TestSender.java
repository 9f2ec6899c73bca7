package dev.formbridge.local;

import dev.formbridge.secret.SigningSecret;
import dev.formbridge.secret.WebhookSignature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

/** Sends one signed test submission, as a WordPress site would, and prints the answer. */
final class TestSender {
    private static final String DEFAULT_URL = "http://127.0.0.1:8080/v1/submissions";

    private TestSender() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, LocalConfig.fromEnvironment().runtimeFile(), System.out, System.err));
    }

    /**
     * Sends and prints the answer; returns the exit code: 0 for a 2xx, 1 for another answer or no answer, 2 for bad
     * arguments. Every failure is one line, never a stack trace.
     */
    static int run(String[] args, Path runtimeFile, PrintStream out, PrintStream err) throws IOException {
        if (args.length < 2) {
            err.println("usage: send <site key> <secret> [ingest url]");
            return 2;
        }
        SigningSecret secret;
        URI url;
        try {
            secret = SigningSecret.parse(args[1]);
            url = URI.create(args.length > 2 ? args[2] : runningIngestUrl(runtimeFile));
        } catch (IllegalArgumentException e) {
            err.println("send: " + e.getMessage());
            return 2;
        }
        HttpResponse<String> response;
        try {
            response = send(url, args[0], secret, sampleBody());
        } catch (IOException e) {
            err.println("send: nothing answers at " + url + " (" + e.getClass().getSimpleName()
                    + "); start the system with scripts/run-local, or pass the ingest URL");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        out.println(response.statusCode() + " " + response.body());
        return response.statusCode() / 100 == 2 ? 0 : 1;
    }

    /**
     * Without a URL argument: the ingest URL the running runtime wrote to its runtime file (it may run on another
     * {@code FORMBRIDGE_PORT}), else the default port.
     */
    static String runningIngestUrl(Path runtimeFile) throws IOException {
        if (Files.notExists(runtimeFile)) {
            return DEFAULT_URL;
        }
        Properties runtime = new Properties();
        try (Reader in = Files.newBufferedReader(runtimeFile)) {
            runtime.load(in);
        }
        return runtime.getProperty("ingest.url", DEFAULT_URL);
    }

    static String sampleBody() {
        return "{\"formId\":\"contact\",\"fields\":{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.org\","
                + "\"newsletter\":true},\"submittedAt\":\"" + Instant.now() + "\",\"source\":{\"siteUrl\":"
                + "\"https://demo.example\",\"pageUrl\":\"https://demo.example/contact\",\"plugin\":\"form-bridge-test\"}}";
    }

    static HttpResponse<String> send(URI url, String siteKey, SigningSecret secret, String body)
            throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String id = "msg_" + UUID.randomUUID();
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .header("X-FormBridge-Site", siteKey)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(secret, id, timestamp, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
