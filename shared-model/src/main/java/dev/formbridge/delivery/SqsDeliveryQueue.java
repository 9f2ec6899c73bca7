package dev.formbridge.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * The delivery queue on SQS. SendMessageBatch takes at most 10 entries and 256 KiB per call, and may accept a call
 * while refusing some of its entries: those are re-sent (up to {@value #MAX_ATTEMPTS} attempts in all), and what still
 * fails is reported in a {@link DeliveryQueueException}. SQS delays a message by at most 15 minutes, so a job due later
 * arrives early and the worker puts it back.
 */
public final class SqsDeliveryQueue implements DeliveryQueue {
    static final int MAX_ENTRIES = 10;
    static final int MAX_BATCH_BYTES = 256 * 1024;
    static final int MAX_ATTEMPTS = 3;
    static final int MAX_DELAY_SECONDS = 900;

    private final SqsClient sqs;
    private final String queueUrl;
    private final Clock clock;

    public SqsDeliveryQueue(SqsClient sqs, String queueUrl, Clock clock) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.clock = clock;
    }

    @Override
    public void send(List<DeliveryJob> jobs) {
        List<DeliveryJob> failed = new ArrayList<>();
        RuntimeException cause = null;
        for (List<DeliveryJob> batch : batches(jobs)) {
            List<DeliveryJob> pending = batch;
            SdkException lastError = null;
            for (int attempt = 1; attempt <= MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
                try {
                    pending = sendBatch(pending);
                } catch (SdkException e) {
                    lastError = e;
                }
            }
            if (!pending.isEmpty()) {
                failed.addAll(pending);
                if (lastError != null && cause == null) {
                    cause = lastError;
                } else if (lastError != null) {
                    cause.addSuppressed(lastError);
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new DeliveryQueueException(
                    failed.size() + " of " + jobs.size() + " jobs were not queued to " + queueUrl, failed, cause);
        }
    }

    /** Sends one batch, the entry id being the index in it; returns the jobs SQS did not accept. */
    private List<DeliveryJob> sendBatch(List<DeliveryJob> batch) {
        Instant now = clock.instant();
        List<SendMessageBatchRequestEntry> entries = IntStream.range(0, batch.size())
                .mapToObj(i -> SendMessageBatchRequestEntry.builder()
                        .id(String.valueOf(i))
                        .messageBody(batch.get(i).toJson())
                        .delaySeconds(delaySeconds(now, batch.get(i).notBefore()))
                        .build())
                .toList();
        SendMessageBatchResponse response =
                sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        // anything not listed as successful (normally: listed in Failed) counts as refused
        Set<String> accepted = response.successful().stream()
                .map(SendMessageBatchResultEntry::id)
                .collect(Collectors.toSet());
        return IntStream.range(0, batch.size())
                .filter(i -> !accepted.contains(String.valueOf(i)))
                .mapToObj(batch::get)
                .toList();
    }

    /** Whole seconds until {@code notBefore}, rounded up (early costs the worker a re-send), within SQS's 0..900. */
    static int delaySeconds(Instant now, Instant notBefore) {
        Duration wait = Duration.between(now, notBefore);
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.clamp(seconds, 0, MAX_DELAY_SECONDS);
    }

    /** Splits jobs into batches of at most 10 entries and under 256 KiB of message bodies. */
    static List<List<DeliveryJob>> batches(List<DeliveryJob> jobs) {
        List<List<DeliveryJob>> batches = new ArrayList<>();
        List<DeliveryJob> current = new ArrayList<>();
        int bytes = 0;
        for (DeliveryJob job : jobs) {
            int size = job.toJson().getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_BATCH_BYTES) {
                throw new IllegalArgumentException("a job of " + size + " bytes exceeds SQS's 256 KiB");
            }
            if (current.size() == MAX_ENTRIES || bytes + size > MAX_BATCH_BYTES) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(job);
            bytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
