package dev.formbridge.e2e.benchmark;

import dev.formbridge.site.SiteId;
import dev.formbridge.storage.StorageUnavailableException;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.submission.SubmissionRepository;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a site's submissions straight into the table with {@link SubmissionRepository#insertIfAbsent}, the write
 * ingest makes, from several threads: much faster than sending them through ingest. Submission {@code i} of
 * {@code total} is received {@code (i + ½) / total} of 30 days before {@code newest}, so any subset is spread evenly
 * over the 30 days and all of them together as well.
 */
final class SubmissionSeeder {
    static final Duration SPREAD = Duration.ofDays(30);
    private static final String[] FORMS = {"contact", "newsletter", "quote"};
    private static final int ATTEMPTS = 5;

    private final SubmissionRepository repository;
    private final TenantId tenant;
    private final SiteId site;
    private final Duration retention;
    private final Instant newest;
    private final int total;

    SubmissionSeeder(
            SubmissionRepository repository,
            TenantId tenant,
            SiteId site,
            Duration retention,
            Instant newest,
            int total) {
        this.repository = repository;
        this.tenant = tenant;
        this.site = site;
        this.retention = retention;
        this.newest = newest;
        this.total = total;
    }

    /** Writes submission {@code i} for every {@code i} of {@code numbers}, on {@code threads} threads. */
    void write(int[] numbers, int threads) {
        AtomicInteger written = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                workers.add(pool.submit(() -> {
                    for (int k = first; k < numbers.length; k += threads) {
                        store(submission(numbers[k]));
                        int done = written.incrementAndGet();
                        if (done % 10_000 == 0) {
                            double seconds = (System.nanoTime() - start) / 1e9;
                            System.out.printf(
                                    Locale.ROOT, "seeded %,d of %,d (%.0f/s)%n", done, numbers.length, done / seconds);
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("seeding failed after " + written.get() + " submissions", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        }
    }

    private void store(Submission submission) {
        for (int attempt = 1; ; attempt++) {
            try {
                // false means a retried write had stored it already: the webhook-id is the key
                repository.insertIfAbsent(submission);
                return;
            } catch (StorageUnavailableException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Submission submission(int i) {
        Instant receivedAt = newest.minusMillis((long) (SPREAD.toMillis() * (i + 0.5) / total));
        String payload = "{\"formId\":\"" + FORMS[i % FORMS.length] + "\",\"fields\":{\"name\":\"Person " + i
                + "\",\"email\":\"person-" + i + "@example.org\",\"message\":\"Hello from a benchmark\"},"
                + "\"submittedAt\":\"" + receivedAt + "\",\"source\":{\"siteUrl\":\"https://bench.example\","
                + "\"pageUrl\":\"https://bench.example/contact\",\"plugin\":\"form-bridge\",\"pluginVersion\":\"1.0.0\"}}";
        return new Submission(
                tenant,
                site,
                SubmissionId.receivedAt(receivedAt),
                "msg_bench_" + i,
                FORMS[i % FORMS.length],
                payload,
                payload.getBytes(StandardCharsets.UTF_8).length,
                receivedAt,
                SubmissionStatus.ACCEPTED,
                receivedAt.plus(retention));
    }
}
