package dev.formbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.ConnectorService.Spec;
import dev.formbridge.connector.ConnectorType;
import dev.formbridge.metrics.MetricCounterRepository;
import dev.formbridge.metrics.MetricCounters;
import dev.formbridge.outbound.OutboundHttp;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.site.SiteId;
import dev.formbridge.storage.Storage;
import dev.formbridge.storage.StorageUnavailableException;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.FailingDynamo;
import dev.formbridge.testutils.HttpReceiver;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.MutableClock;
import dev.formbridge.testutils.QueuedDeliveries;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;

/**
 * A replay that cannot be queued leaves the delivery failed and dead-lettered, so it can be replayed again, instead of
 * pending without a job: failed deliveries made by a real worker against a real receiver, dynalite, and queues (or
 * storage) that fail.
 */
class ReplayServiceTest {
    static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final TenantId tenant = TenantId.next();
    final SiteId site = SiteId.next();
    final List<DeliveryJob> queued = new CopyOnWriteArrayList<>();
    Storage storage;
    SecretCipher cipher;
    OutboundHttp http;
    HttpReceiver receiver;
    Connector connector;
    DeliveryRepository repository;

    @BeforeEach
    void setUp(@TempDir Path keys) {
        storage = LocalDynamo.newStorage();
        cipher = LocalKeyFileCipher.fromKeyFile(keys.resolve("master.key"));
        http = new OutboundHttp(OutboundPolicy.allowLocal());
        receiver = HttpReceiver.start().answering(400); // not retryable: each delivery fails at once
        connector = new ConnectorService(storage, cipher, OutboundPolicy.allowLocal(), clock)
                .create(tenant, Spec.webhook("CRM", receiver.url("/hook")), "alice")
                .connector();
        repository = new DeliveryRepository(storage);
    }

    @AfterEach
    void tearDown() throws Exception {
        receiver.close();
        http.close();
    }

    /** {@code count} deliveries that a worker failed and dead-lettered, oldest first. */
    List<Delivery> failedDeliveries(int count) {
        QueuedDeliveries deliveries = new QueuedDeliveries(storage, clock);
        DeliveryWorker worker = new DeliveryWorker(
                storage,
                deliveries,
                Map.of(ConnectorType.WEBHOOK, new WebhookSender(http, cipher, clock)),
                new CircuitBreakers(1_000, Duration.ofSeconds(30), Duration.ofMinutes(10), clock),
                new MetricCounters(new MetricCounterRepository(storage), clock, Duration.ofHours(1)),
                clock);
        List<Delivery> failed = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            DeliveryJob job = deliveries.newDelivery(tenant, site, connector.id());
            assertThat(worker.process(job)).isEqualTo(DeliveryWorker.Outcome.FAILED);
            failed.add(stored(job.submissionId()));
            clock.advance(Duration.ofSeconds(1));
        }
        return failed;
    }

    Delivery stored(String submissionId) {
        return repository
                .find(tenant, new SubmissionId(submissionId), connector.id())
                .orElseThrow();
    }

    Delivery stored(Delivery delivery) {
        return stored(delivery.submissionId().value());
    }

    ReplayService replays(Storage through, DeliveryQueue queue) {
        return new ReplayService(through, new Router(through, queue, clock, Duration.ZERO), queue, clock);
    }

    /** A queue that takes {@code working} sends and fails every later one. */
    DeliveryQueue failingAfter(int working) {
        AtomicInteger sends = new AtomicInteger();
        return jobs -> {
            if (sends.incrementAndGet() > working) {
                throw new DeliveryQueue.DeliveryQueueException("the queue is unavailable (test)", jobs, null);
            }
            queued.addAll(jobs);
        };
    }

    void assertFailedAndDeadLettered(Delivery before) {
        Delivery after = stored(before);
        assertThat(after.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(after.nextAttemptAt()).isEqualTo(before.nextAttemptAt());
        assertThat(after.retryBase()).isEqualTo(before.retryBase());
        assertThat(repository.deadLetters(tenant)).anySatisfy(dead -> {
            assertThat(dead.deliveryId()).isEqualTo(before.id());
            assertThat(dead.reason()).isEqualTo(before.attempts().getLast().error());
        });
    }

    @Test
    void a_replay_the_queue_refuses_leaves_the_delivery_failed_and_dead_lettered_and_a_later_replay_queues_it() {
        Delivery failed = failedDeliveries(1).getFirst();

        assertThatThrownBy(() -> replays(storage, failingAfter(0))
                        .replayDelivery(tenant, failed.submissionId(), connector.id(), "alice"))
                .isInstanceOf(DeliveryQueue.DeliveryQueueException.class);

        assertFailedAndDeadLettered(failed);
        assertThat(new DeadLetterCounts(storage).add(tenant, connector.id()))
                .as("counted again when put back")
                .isEqualTo(2);

        replays(storage, failingAfter(1)).replayDelivery(tenant, failed.submissionId(), connector.id(), "alice");
        assertThat(queued)
                .singleElement()
                .satisfies(job ->
                        assertThat(job.deliveryId()).isEqualTo(failed.id().value()));
        assertThat(stored(failed).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(repository.deadLetters(tenant)).isEmpty();
    }

    @Test
    void replaying_a_connector_keeps_what_was_queued_before_the_queue_failed_and_leaves_the_rest_failed() {
        List<Delivery> failed = failedDeliveries(3);

        assertThatThrownBy(() -> replays(storage, failingAfter(1))
                        .replayFailedSince(tenant, connector.id(), START.minusSeconds(1), "alice"))
                .isInstanceOf(DeliveryQueue.DeliveryQueueException.class);

        assertThat(queued)
                .singleElement()
                .satisfies(job -> assertThat(job.deliveryId())
                        .isEqualTo(failed.get(0).id().value()));
        assertThat(stored(failed.get(0)).status()).isEqualTo(DeliveryStatus.PENDING);
        assertFailedAndDeadLettered(failed.get(1));
        assertFailedAndDeadLettered(failed.get(2));
        assertThat(replays(storage, failingAfter(0)).countFailedSince(tenant, connector.id(), START.minusSeconds(1)))
                .isEqualTo(2);
        // what was queued is a change: it is audited, as not complete
        assertThat(new dev.formbridge.audit.AuditRepository(storage)
                        .page(tenant, dev.formbridge.audit.AuditQuery.all(), null, 10)
                        .items())
                .filteredOn(event -> event.action().equals("connector.replayed"))
                .singleElement()
                .satisfies(event -> assertThat(event.after()).contains("\"queued\":1", "\"complete\":false"));
    }

    @Test
    void a_replay_whose_dead_letter_cannot_be_removed_leaves_the_delivery_failed() {
        Delivery failed = failedDeliveries(1).getFirst();
        Storage removalFails = new Storage(
                FailingDynamo.failingOnce(
                        storage.dynamo(),
                        r -> r instanceof DeleteItemRequest d
                                && d.key().get("pk").s().endsWith("DEADLETTER")),
                storage.definition());

        assertThatThrownBy(() -> replays(removalFails, failingAfter(1))
                        .replayDelivery(tenant, failed.submissionId(), connector.id(), "alice"))
                .isInstanceOf(StorageUnavailableException.class);

        assertFailedAndDeadLettered(failed);
        assertThat(queued).isEmpty();
    }
}
