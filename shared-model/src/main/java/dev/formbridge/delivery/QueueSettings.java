package dev.formbridge.delivery;

import java.time.Duration;

/**
 * The one source of the delivery queue's settings: the CDK app declares the SQS queue, its dead-letter queue and the
 * connector function's event source from {@link #DELIVERY}, and the local runtime's folder queue reads the same
 * values, so a job is handed out again, and given up, after the same time and the same number of receives everywhere.
 *
 * @param visibilityTimeout how long a received job stays hidden before it is handed out again (its worker hung or
 *     died); at least the connector function's timeout
 * @param maxReceiveCount receives after which a job moves to the dead-letter queue
 * @param retention how long a job waits in the queue at most (SQS's message retention)
 * @param deadLetterRetention how long a dead job is kept for inspection and replay (SQS allows 14 days at most)
 * @param batchSize jobs handed to one connector invocation; they run one after the other, so the function's timeout
 *     covers {@code batchSize} connector timeouts
 * @param maxConcurrency how many connector invocations the queue feeds at once (SQS event source maximum concurrency)
 */
public record QueueSettings(
        Duration visibilityTimeout,
        int maxReceiveCount,
        Duration retention,
        Duration deadLetterRetention,
        int batchSize,
        int maxConcurrency) {

    /** Environment variable naming the delivery queue's URL (set by the CDK app for router, connector and portal). */
    public static final String QUEUE_URL_ENV = "FORMBRIDGE_DELIVERY_QUEUE_URL";

    /** The delivery queue: every delivery attempt of every tenant (ADR 0008). */
    public static final QueueSettings DELIVERY =
            new QueueSettings(Duration.ofMinutes(5), 10, Duration.ofDays(4), Duration.ofDays(14), 5, 20);

    public QueueSettings {
        if (maxReceiveCount < 1 || batchSize < 1 || maxConcurrency < 2) {
            throw new IllegalArgumentException("receives and batch size ≥ 1, concurrency ≥ 2 (SQS's minimum)");
        }
        if (deadLetterRetention.compareTo(Duration.ofDays(14)) > 0) {
            throw new IllegalArgumentException("SQS keeps messages 14 days at most");
        }
    }
}
