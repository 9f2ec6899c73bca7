package dev.formbridge.benchmark.delivery;

import dev.formbridge.Json;
import dev.formbridge.benchmark.BenchSite;
import dev.formbridge.benchmark.SampleBody;
import dev.formbridge.secret.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Signed submissions to the local ingest over HTTP, each with a new webhook-id, as a site's plugin sends them. */
final class Senders {
    static final int BODY_BYTES = 1024;

    private final URI ingest;
    private final BenchSite site;
    private final byte[] body = SampleBody.ofSize(BODY_BYTES);
    private final String run = Long.toString(System.nanoTime(), 36);
    private final AtomicLong sequence = new AtomicLong();

    Senders(String ingestUrl, BenchSite site) {
        this.ingest = URI.create(ingestUrl);
        this.site = site;
    }

    /**
     * Open loop: one submission every {@code 1/perSecond} s for {@code measured}, each on its own virtual thread so
     * that a slow answer never delays the next. Returns when every answer is in.
     */
    Sent steady(String name, int perSecond, Duration measured) {
        long from = System.nanoTime();
        long to = from + measured.toNanos();
        long period = 1_000_000_000L / perSecond;
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        try (HttpClient client = newClient();
                ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long due = from; due < to; due += period) {
                LockSupport.parkNanos(due - System.nanoTime());
                requests.execute(() -> send(client, accepted, failures));
            }
        }
        return new Sent(name, accepted, from, to, new TreeMap<>(failures));
    }

    /** Closed loop: {@code threads} senders, each with its own connection, send back to back for {@code measured}. */
    Sent saturated(String name, int threads, Duration measured) throws InterruptedException {
        long from = System.nanoTime();
        long to = from + measured.toNanos();
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            senders.add(Thread.ofPlatform().name("delivery-sender-" + i).start(() -> {
                try (HttpClient client = newClient()) {
                    while (System.nanoTime() < to) {
                        send(client, accepted, failures);
                    }
                }
            }));
        }
        for (Thread sender : senders) {
            sender.join();
        }
        return new Sent(name, accepted, from, to, new TreeMap<>(failures));
    }

    /** Sends one submission; a 202 goes into {@code accepted} with the time it came, anything else into failures. */
    private void send(HttpClient client, Map<String, Long> accepted, Map<String, Integer> failures) {
        String failure;
        try {
            HttpResponse<String> response = client.send(request(), HttpResponse.BodyHandlers.ofString());
            long at = System.nanoTime();
            if (response.statusCode() == 202) {
                String submissionId = Json.MAPPER
                        .readTree(response.body())
                        .path("submissionId")
                        .asText();
                accepted.put(submissionId, at);
                return;
            }
            failure = "HTTP " + response.statusCode();
        } catch (IOException e) {
            failure = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        failures.merge(failure, 1, Integer::sum);
    }

    private HttpRequest request() {
        String id = "msg_" + run + "_" + sequence.getAndIncrement();
        long timestamp = Instant.now().getEpochSecond();
        return HttpRequest.newBuilder(ingest)
                .header("Content-Type", "application/json")
                .header("X-FormBridge-Site", site.siteKey())
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(site.secret(), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }
}
