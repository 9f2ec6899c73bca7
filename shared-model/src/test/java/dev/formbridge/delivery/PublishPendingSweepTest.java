package dev.formbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.ConnectorService.Spec;
import dev.formbridge.event.EventEnvelope;
import dev.formbridge.event.EventPublisher;
import dev.formbridge.ingest.IngestRequest;
import dev.formbridge.ingest.IngestResult;
import dev.formbridge.ingest.IngestService;
import dev.formbridge.ingest.IngestSettings;
import dev.formbridge.ingest.Rejection;
import dev.formbridge.metrics.MetricCounterRepository;
import dev.formbridge.metrics.MetricCounterRepository.Granularity;
import dev.formbridge.metrics.MetricCounters;
import dev.formbridge.metrics.MetricNames;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.site.SiteService;
import dev.formbridge.site.SiteService.NewSecret;
import dev.formbridge.storage.Storage;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionRepository;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.tenant.TenantService;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.MutableClock;
import dev.formbridge.testutils.SignedRequests;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submissions stored but never published are routed by the sweep, once, after the sender had its chance (ADR 0004). */
class PublishPendingSweepTest {
    @TempDir
    Path keys;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    final List<DeliveryJob> queued = new CopyOnWriteArrayList<>();
    final List<EventEnvelope> published = new CopyOnWriteArrayList<>();
    /** What the bus does with the next publish; null: it takes it. */
    final AtomicReference<Runnable> busFailure = new AtomicReference<>();

    Storage storage;
    TenantId tenant;
    NewSecret site;
    IngestService ingest;
    PublishPendingSweep sweep;

    @BeforeEach
    void setUp() {
        storage = LocalDynamo.newStorage();
        SecretCipher cipher = LocalKeyFileCipher.fromKeyFile(keys.resolve("k"));
        tenant = new TenantService(storage, clock).create("Acme").id();
        site = new SiteService(storage, cipher, clock).register(tenant, "Shop", "https://shop.example");
        new ConnectorService(storage, cipher, OutboundPolicy.allowLocal(), clock)
                .create(tenant, Spec.webhook("hook", "http://127.0.0.1:9/x"));
        EventPublisher bus = events -> {
            Runnable failure = busFailure.getAndSet(null);
            if (failure != null) {
                failure.run();
                throw new EventPublisher.EventPublishException("bus down (test)", events, null);
            }
            published.addAll(events);
        };
        ingest = new IngestService(storage, cipher, bus, clock, IngestSettings.defaults());
        sweep = new PublishPendingSweep(storage, new Router(storage, queued::addAll, clock, Duration.ZERO), clock);
    }

    IngestRequest request(String webhookId) {
        return SignedRequests.request(
                site.site().key(), site.secret(), webhookId, clock.instant(), SignedRequests.body("contact", "a@b.c"));
    }

    Submission stored(String webhookId) {
        return new SubmissionRepository(storage)
                .findByWebhookId(tenant, site.site().id(), webhookId)
                .orElseThrow();
    }

    /** Entries in the sweep's index partition, whatever their item's status. */
    int sweepIndexEntries() {
        return storage.dynamo()
                .query(q -> q.tableName(storage.tableName())
                        .indexName(dev.formbridge.storage.TableDefinition.GSI2.name())
                        .keyConditionExpression("gsi2pk = :pk")
                        .expressionAttributeValues(java.util.Map.of(
                                ":pk",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                        dev.formbridge.storage.Keys.PUBLISH_PENDING_PK))))
                .count();
    }

    @Test
    void one_submission_the_router_cannot_route_does_not_hold_up_the_others() {
        busFailure.set(() -> {});
        ingest.ingest(request("msg_a"));
        clock.advance(Duration.ofSeconds(1));
        busFailure.set(() -> {});
        ingest.ingest(request("msg_b"));
        clock.advance(PublishPendingSweep.GRACE.plusSeconds(1));
        String unroutable = stored("msg_a").id().value();
        Router failingForOne = new Router(
                storage,
                jobs -> {
                    if (jobs.stream().anyMatch(j -> j.submissionId().equals(unroutable))) {
                        throw new DeliveryQueue.DeliveryQueueException("queue refuses it (test)", jobs, null);
                    }
                    queued.addAll(jobs);
                },
                clock,
                Duration.ZERO);

        int routed = new PublishPendingSweep(storage, failingForOne, clock).sweep();

        assertThat(routed).isEqualTo(1);
        assertThat(stored("msg_a").status()).isEqualTo(SubmissionStatus.PUBLISH_PENDING);
        assertThat(stored("msg_b").status()).isEqualTo(SubmissionStatus.ACCEPTED);
        assertThat(sweep.sweep()).as("the next sweep routes the one left").isEqualTo(1);
    }

    @Test
    void a_submission_whose_event_never_went_out_is_routed_by_the_sweep_after_the_grace_period_and_only_once() {
        busFailure.set(() -> {});
        IngestResult first = ingest.ingest(request("msg_1"));
        assertThat(((IngestResult.Refused) first).rejection()).isEqualTo(Rejection.UNAVAILABLE);
        assertThat(stored("msg_1").status()).isEqualTo(SubmissionStatus.PUBLISH_PENDING);

        assertThat(sweep.sweep()).isZero(); // the sender's retry may still come
        clock.advance(PublishPendingSweep.GRACE.plusSeconds(1));
        int routed = sweep.sweep();

        assertThat(routed).isEqualTo(1);
        assertThat(queued)
                .singleElement()
                .satisfies(job -> assertThat(job.submissionId())
                        .isEqualTo(stored("msg_1").id().value()));
        assertThat(stored("msg_1").status()).isEqualTo(SubmissionStatus.ACCEPTED);
        assertThat(sweepIndexEntries()).as("taken out of the sweep's index").isZero();
        assertThat(sweep.sweep()).isZero();
        assertThat(queued).hasSize(1);
        assertThat(new MetricCounterRepository(storage)
                        .read(tenant, MetricCounters.site(site.site().id().value()), Granularity.DAY, clock.instant()))
                .containsEntry(MetricNames.ACCEPTED, 1L);
    }

    @Test
    void a_retry_answered_as_a_duplicate_while_the_first_request_was_failing_to_publish_is_not_lost() {
        // the sender timed out on the first request and retried; the retry finds the stored item (not yet marked) and
        // is answered 200, then the first request's publish fails: no retry will come
        AtomicReference<IngestResult> retry = new AtomicReference<>();
        busFailure.set(() -> retry.set(ingest.ingest(request("msg_race"))));
        IngestResult first = ingest.ingest(request("msg_race"));

        assertThat(retry.get()).isInstanceOf(IngestResult.Duplicate.class);
        assertThat(((IngestResult.Refused) first).rejection()).isEqualTo(Rejection.UNAVAILABLE);
        assertThat(published).isEmpty();

        clock.advance(PublishPendingSweep.GRACE.plusSeconds(1));
        assertThat(sweep.sweep()).isEqualTo(1);
        assertThat(queued).hasSize(1);
    }

    @Test
    void a_submission_the_senders_retry_published_is_left_alone() {
        busFailure.set(() -> {});
        ingest.ingest(request("msg_2"));
        assertThat(ingest.ingest(request("msg_2"))).isInstanceOf(IngestResult.Duplicate.class);
        assertThat(published).hasSize(1);

        clock.advance(PublishPendingSweep.GRACE.plusSeconds(1));

        assertThat(sweep.sweep()).isZero();
        assertThat(queued).isEmpty();
        assertThat(stored("msg_2").status()).isEqualTo(SubmissionStatus.ACCEPTED);
    }
}
