package dev.formbridge.delivery;

import dev.formbridge.Json;
import dev.formbridge.StateConflictException;
import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditRepository;
import dev.formbridge.connector.ConnectorId;
import dev.formbridge.event.SubmissionAccepted;
import dev.formbridge.storage.Storage;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.submission.SubmissionRepository;
import dev.formbridge.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays deliveries on a tenant admin's request (the portal calls these): one delivery; every failed delivery of a
 * connector since a time; one submission to every connector that matches it now. A replay keeps the delivery id
 * (receivers deduplicate on {@code webhook-id}), starts a fresh retry budget, takes the delivery off the dead-letter
 * list and is recorded as an audit event. Every method takes the caller's tenant; ids of other tenants are not found.
 * Deliveries are queued one by one; when queueing one fails, it is left as it was (failed, on the dead-letter list, so
 * it can be replayed again), the ones before it stay queued, and the failure is thrown.
 */
public final class ReplayService {
    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);

    private final DeliveryRepository deliveries;
    private final SubmissionRepository submissions;
    private final AuditRepository audit;
    private final Router router;
    private final DeliveryQueue queue;
    private final Clock clock;

    public ReplayService(Storage storage, Router router, DeliveryQueue queue, Clock clock) {
        this.deliveries = new DeliveryRepository(storage);
        this.submissions = new SubmissionRepository(storage);
        this.audit = new AuditRepository(storage);
        this.router = router;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * Replays one delivery that is delivered or failed; a pending one is already on its way. A delivery is found by what
     * it delivers, its submission and connector (its key: no index holds delivery ids, ADR 0018).
     */
    public Delivery replayDelivery(TenantId tenant, SubmissionId submission, ConnectorId connector, String actor) {
        Delivery delivery = deliveries
                .find(tenant, submission, connector)
                .orElseThrow(() -> new NoSuchElementException("no delivery of " + submission + " to " + connector));
        if (delivery.status() == DeliveryStatus.PENDING) {
            throw new StateConflictException(
                    "This delivery is still pending: it will be attempted anyway, no replay is needed.");
        }
        RuntimeException failure = requeue(List.of(delivery)).failure();
        if (failure != null) {
            throw failure; // nothing was queued, nothing changed: no audit event
        }
        audit.append(AuditEvent.of(
                tenant,
                clock.instant(),
                actor,
                "delivery.replayed",
                delivery.id().value()));
        return delivery;
    }

    /** How many failed deliveries of a connector since {@code since} a replay would send (for the confirmation). */
    public int countFailedSince(TenantId tenant, ConnectorId connector, Instant since) {
        return failedSince(tenant, connector, since).size();
    }

    /** Replays every failed delivery of a connector created since {@code since}; returns how many were queued. */
    public int replayFailedSince(TenantId tenant, ConnectorId connector, Instant since, String actor) {
        Replayed replayed = requeue(failedSince(tenant, connector, since));
        return recorded(
                replayed,
                AuditEvent.of(tenant, clock.instant(), actor, "connector.replayed", connector.value())
                        .withChange(
                                null,
                                Json.MAPPER
                                        .createObjectNode()
                                        .put("queued", replayed.queued())
                                        .put("failedSince", since.toString())
                                        .put("complete", replayed.failure() == null)
                                        .toString()));
    }

    /** Sends a submission again to every connector that matches it now (new matches get new deliveries). */
    public int replaySubmission(TenantId tenant, SubmissionId id, String actor) {
        Submission submission =
                submissions.findById(tenant, id).orElseThrow(() -> new NoSuchElementException("no submission " + id));
        List<Delivery> fresh = router.route(SubmissionAccepted.of(submission));
        List<Delivery> again = deliveries.ofSubmission(tenant, id).stream()
                .filter(d -> d.status() != DeliveryStatus.PENDING)
                .toList();
        Replayed replayed = requeue(again);
        return fresh.size()
                + recorded(
                        replayed,
                        AuditEvent.of(tenant, clock.instant(), actor, "submission.replayed", id.value())
                                .withChange(
                                        null,
                                        Json.MAPPER
                                                .createObjectNode()
                                                .put("queued", fresh.size() + replayed.queued())
                                                .put("complete", replayed.failure() == null)
                                                .toString()));
    }

    private List<Delivery> failedSince(TenantId tenant, ConnectorId connector, Instant since) {
        return deliveries.ofConnectorSince(tenant, connector, since).stream()
                .filter(d -> d.status() == DeliveryStatus.FAILED)
                .toList();
    }

    /** How many deliveries a replay queued, and what stopped it (null: nothing). */
    private record Replayed(int queued, RuntimeException failure) {}

    /** Queues the deliveries one by one, up to the first failure (the ones before it stay queued). */
    private Replayed requeue(List<Delivery> toReplay) {
        Instant now = clock.instant();
        int queued = 0;
        for (Delivery delivery : toReplay) {
            try {
                if (requeue(delivery, now)) {
                    queued++;
                }
            } catch (RuntimeException e) {
                return new Replayed(queued, e);
            }
        }
        return new Replayed(queued, null);
    }

    /**
     * Writes the replay's audit event, also for a replay a failure stopped after it had queued some deliveries (those
     * changed: the event says how many, and that it is not complete), then passes the failure on.
     */
    private int recorded(Replayed replayed, AuditEvent event) {
        RuntimeException failure = replayed.failure();
        if (failure == null || replayed.queued() > 0) {
            try {
                audit.append(event);
            } catch (RuntimeException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return replayed.queued();
    }

    /**
     * Sets one delivery pending, takes it off the dead-letter list and queues its job before the next delivery: a
     * pending delivery without a job would never be attempted again (no replay takes a pending one, the router only
     * new ones). If either step fails, the delivery is put back as it was and the failure passed on, for the portal.
     */
    private boolean requeue(Delivery delivery, Instant now) {
        if (!deliveries.markPending(delivery, now)) {
            return false; // changed since it was read: another replay or a worker has it
        }
        boolean deadLetterRemoved = false;
        try {
            deadLetterRemoved = deliveries.removeDeadLetter(delivery);
            queue.send(delivery.job(now));
            return true;
        } catch (RuntimeException e) {
            putBack(delivery, now, deadLetterRemoved, e);
            throw e;
        }
    }

    private void putBack(Delivery delivery, Instant markedAt, boolean deadLetterRemoved, RuntimeException failure) {
        try {
            if (deliveries.revertPending(delivery, markedAt) && deadLetterRemoved) {
                deliveries.restoreDeadLetter(delivery);
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            log.error("delivery {} could not be put back after a failed replay", delivery.id(), e);
        }
    }
}
