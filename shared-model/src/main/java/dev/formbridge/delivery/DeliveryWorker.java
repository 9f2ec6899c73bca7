package dev.formbridge.delivery;

import dev.formbridge.audit.AuditRepository;
import dev.formbridge.connector.CircuitStateRepository;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorId;
import dev.formbridge.connector.ConnectorRepository;
import dev.formbridge.connector.ConnectorType;
import dev.formbridge.metrics.LatencyHistogram;
import dev.formbridge.metrics.MetricCounters;
import dev.formbridge.metrics.MetricNames;
import dev.formbridge.storage.Storage;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.submission.SubmissionRepository;
import dev.formbridge.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one delivery attempt for a queued job: skips what is done, waits out open circuits and early jobs, sends through
 * the connector's sender, records the attempt (once, conditionally), and then either marks the delivery delivered,
 * schedules the next attempt by the connector's retry policy, or gives up (dead letter). A 410 disables the connector
 * and writes an audit event. Circuit transitions are recorded on the connector for the portal, and a 410, a circuit
 * open for long and a growing dead-letter list raise {@link DeliveryAlerts} (best effort). Throws only when storage or
 * the queue fails, so the queue redelivers the job.
 */
public final class DeliveryWorker {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration EARLY_TOLERANCE = Duration.ofMillis(50);

    private final DeliveryRepository deliveries;
    private final ConnectorRepository connectors;
    private final SubmissionRepository submissions;
    private final DeliveryQueue queue;
    private final Map<ConnectorType, ConnectorSender> senders;
    private final CircuitBreakers breakers;
    private final MetricCounters counters;
    private final Clock clock;
    private final DeliveryAlerts alerts;
    private final Circuits circuits;
    private final DeadLetterWatch deadLetters;
    private final GoneConnectors gone;

    /** A worker that tells nobody about disabled connectors, long-open circuits or growing dead-letter lists. */
    public DeliveryWorker(
            Storage storage,
            DeliveryQueue queue,
            Map<ConnectorType, ConnectorSender> senders,
            CircuitBreakers breakers,
            MetricCounters counters,
            Clock clock) {
        this(storage, queue, senders, breakers, counters, clock, DeliveryAlerts.NONE);
    }

    /** A worker that raises {@code alerts} for a 410, a circuit open for long and a growing dead-letter list. */
    public DeliveryWorker(
            Storage storage,
            DeliveryQueue queue,
            Map<ConnectorType, ConnectorSender> senders,
            CircuitBreakers breakers,
            MetricCounters counters,
            Clock clock,
            DeliveryAlerts alerts) {
        this.deliveries = new DeliveryRepository(storage);
        this.connectors = new ConnectorRepository(storage);
        this.submissions = new SubmissionRepository(storage);
        this.queue = queue;
        this.senders = Map.copyOf(senders);
        this.breakers = breakers;
        this.counters = counters;
        this.clock = clock;
        this.alerts = alerts;
        this.circuits = new Circuits(breakers, new CircuitStateRepository(storage), alerts, clock);
        this.deadLetters = new DeadLetterWatch(new DeadLetterCounts(storage), alerts);
        this.gone = new GoneConnectors(connectors, new AuditRepository(storage), alerts);
    }

    /** What processing a job came to, for the caller's operational metrics. */
    public enum Outcome {
        DELIVERED,
        RETRY_SCHEDULED,
        FAILED,
        /** Nothing attempted: a duplicate job, a job put back to wait (early, open circuit). */
        NO_ATTEMPT
    }

    public Outcome process(DeliveryJob job) {
        MDC.put("tenantId", job.tenantId());
        MDC.put("deliveryId", job.deliveryId());
        try {
            Outcome outcome = run(job);
            counters.flushIfDue();
            return outcome;
        } finally {
            MDC.remove("tenantId");
            MDC.remove("deliveryId");
        }
    }

    private Outcome run(DeliveryJob job) {
        Instant now = clock.instant();
        if (job.notBefore().isAfter(now.plus(EARLY_TOLERANCE))) {
            queue.send(job); // the queue capped the delay (SQS: 15 min): wait again
            return Outcome.NO_ATTEMPT;
        }
        TenantId tenant = new TenantId(job.tenantId());
        Optional<Delivery> found =
                deliveries.find(tenant, new SubmissionId(job.submissionId()), new ConnectorId(job.connectorId()));
        if (found.isEmpty() || found.get().status() != DeliveryStatus.PENDING) {
            return Outcome.NO_ATTEMPT; // delivered, failed or erased meanwhile: a duplicate job
        }
        Delivery delivery = found.get();
        if (delivery.nextAttemptAt() != null && delivery.nextAttemptAt().isAfter(now.plus(EARLY_TOLERANCE))) {
            queue.send(delivery.job(delivery.nextAttemptAt())); // a redelivered job ahead of its backoff
            return Outcome.NO_ATTEMPT;
        }
        Optional<Connector> connector = connectors.find(tenant, delivery.connectorId());
        if (connector.isEmpty() || !connector.get().enabled()) {
            return giveUp(delivery, now, "the connector is " + (connector.isEmpty() ? "deleted" : "disabled"));
        }
        Optional<Instant> open = breakers.openUntil(delivery.connectorId());
        boolean firstTryOfAReplay = delivery.retryBase() > 0 && delivery.retryBase() == delivery.attemptCount();
        if (open.isPresent() && !firstTryOfAReplay) {
            // a replay probes at once: the admin says the destination is fixed
            queue.send(delivery.job(open.get()));
            return Outcome.NO_ATTEMPT;
        }
        Optional<Submission> submission = submissions.findByWebhookId(tenant, delivery.siteId(), delivery.webhookId());
        if (submission.isEmpty()) {
            return giveUp(delivery, now, "the submission was erased");
        }
        return attempt(connector.get(), delivery, submission.get());
    }

    private Outcome attempt(Connector connector, Delivery delivery, Submission submission) {
        SendOutcome outcome = senders.get(connector.type()).send(connector, delivery, submission);
        Instant at = clock.instant();
        int number = delivery.attemptCount() + 1;
        if (outcome.delivered()) {
            circuits.succeeded(connector);
            if (record(
                    delivery,
                    new Attempt(number, at, outcome.status(), outcome.duration(), null, null),
                    DeliveryStatus.DELIVERED)) {
                count(delivery, MetricNames.DELIVERED);
                countLatency(delivery, Duration.between(submission.receivedAt(), at));
                log.info("delivered on attempt {}", number);
                return Outcome.DELIVERED;
            }
            return Outcome.NO_ATTEMPT;
        }
        circuits.failed(connector);
        // an HTTP answer is judged by the connector's policy; without one (network, refused), by the sender
        boolean retryable = outcome.status() >= 100 && !outcome.gone()
                ? connector.retryPolicy().isRetryable(outcome.status())
                : outcome.retryable();
        Optional<Duration> wait = retryable
                ? connector.retryPolicy().nextDelay(delivery.failuresSinceReplay(number), outcome.retryAfter())
                : Optional.empty();
        if (wait.isPresent()) {
            Instant next = at.plus(wait.get());
            if (record(
                    delivery,
                    new Attempt(number, at, outcome.status(), outcome.duration(), outcome.error(), next),
                    DeliveryStatus.PENDING)) {
                queue.send(delivery.job(next));
                count(delivery, MetricNames.RETRIED);
                log.info(
                        "attempt {} failed ({}), next in {} ms",
                        number,
                        outcome.status(),
                        wait.get().toMillis());
                return Outcome.RETRY_SCHEDULED;
            }
            return Outcome.NO_ATTEMPT;
        }
        boolean recorded = record(
                delivery,
                new Attempt(number, at, outcome.status(), outcome.duration(), outcome.error(), null),
                DeliveryStatus.FAILED);
        if (recorded) {
            deadLetter(delivery, at, outcome.error());
            count(delivery, MetricNames.FAILED);
            log.warn("attempt {} failed ({}); given up", number, outcome.status()); // a dead letter: a problem
        }
        if (outcome.gone()) {
            gone.disable(connector, at);
        }
        return recorded ? Outcome.FAILED : Outcome.NO_ATTEMPT;
    }

    /**
     * Counts per connector of the delivery's tenant (never a tenant dimension in EMF). Not per site: the dashboard and
     * the health view read deliveries from connector buckets only, and a site bucket would be two writes a flush
     * nobody reads (ADR 0019).
     */
    private void count(Delivery delivery, String counter) {
        counters.increment(
                delivery.tenantId(),
                MetricCounters.connector(delivery.connectorId().value()),
                counter);
    }

    /** Counts the latency from receipt to delivery in the connector's histogram (per connector only). */
    private void countLatency(Delivery delivery, Duration latency) {
        counters.increment(
                delivery.tenantId(),
                MetricCounters.connector(delivery.connectorId().value()),
                LatencyHistogram.counter(latency));
    }

    /** Writes the pending metric counters now (the local runtime on a timer and at shutdown). */
    public void flushCounters() {
        counters.flush();
    }

    private boolean record(Delivery delivery, Attempt attempt, DeliveryStatus status) {
        boolean recorded = deliveries.recordAttempt(delivery, attempt, status);
        if (!recorded) {
            log.info("attempt {} was already recorded by another worker", attempt.number());
        }
        return recorded;
    }

    private Outcome giveUp(Delivery delivery, Instant at, String reason) {
        Attempt none = new Attempt(delivery.attemptCount() + 1, at, 0, Duration.ZERO, reason, null);
        if (record(delivery, none, DeliveryStatus.FAILED)) {
            deadLetter(delivery, at, reason);
            count(delivery, MetricNames.FAILED);
            return Outcome.FAILED;
        }
        return Outcome.NO_ATTEMPT;
    }

    private void deadLetter(Delivery delivery, Instant at, String reason) {
        if (deliveries.addDeadLetter(delivery, at, reason)) {
            deadLetters.added(delivery, at);
        }
    }
}
