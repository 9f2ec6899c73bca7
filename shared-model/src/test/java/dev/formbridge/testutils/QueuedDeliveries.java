package dev.formbridge.testutils;

import dev.formbridge.connector.ConnectorId;
import dev.formbridge.delivery.Delivery;
import dev.formbridge.delivery.DeliveryJob;
import dev.formbridge.delivery.DeliveryQueue;
import dev.formbridge.delivery.DeliveryRepository;
import dev.formbridge.site.SiteId;
import dev.formbridge.storage.Storage;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.tenant.TenantId;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Deliveries as the router leaves them (a stored submission, its delivery item, a job), and a delivery queue that only
 * records what a worker queues, so a test runs each attempt itself with {@code worker.process(job)}.
 */
public final class QueuedDeliveries implements DeliveryQueue {
    private final StoredSubmissions submissions;
    private final DeliveryRepository deliveries;
    private final Clock clock;
    private final List<DeliveryJob> queued = new CopyOnWriteArrayList<>();

    public QueuedDeliveries(Storage storage, Clock clock) {
        this.submissions = new StoredSubmissions(storage);
        this.deliveries = new DeliveryRepository(storage);
        this.clock = clock;
    }

    /** A new submission of the site routed to the connector: returns the job of its first attempt. */
    public DeliveryJob newDelivery(TenantId tenant, SiteId site, ConnectorId connector) {
        Submission submission = submissions.store(tenant, site, "contact", SubmissionStatus.ACCEPTED, clock.instant());
        Delivery delivery = Delivery.create(
                tenant,
                submission.id(),
                submission.siteId(),
                submission.webhookId(),
                connector,
                clock.instant(),
                submission.expiresAt());
        if (!deliveries.createIfAbsent(delivery)) {
            throw new IllegalStateException("a new submission has no delivery yet");
        }
        return delivery.job(clock.instant());
    }

    @Override
    public void send(List<DeliveryJob> jobs) {
        queued.addAll(jobs);
    }

    /** What workers queued (retries, jobs put back to wait), oldest first. */
    public List<DeliveryJob> queued() {
        return List.copyOf(queued);
    }
}
