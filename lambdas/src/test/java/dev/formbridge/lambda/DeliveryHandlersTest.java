package dev.formbridge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.ConnectorType;
import dev.formbridge.delivery.CircuitBreakers;
import dev.formbridge.delivery.ConnectorSender;
import dev.formbridge.delivery.DeliveryJob;
import dev.formbridge.delivery.DeliveryRepository;
import dev.formbridge.delivery.DeliveryStatus;
import dev.formbridge.delivery.DeliveryWorker;
import dev.formbridge.delivery.Router;
import dev.formbridge.delivery.SendOutcome;
import dev.formbridge.ingest.IngestResult;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionRepository;
import dev.formbridge.testutils.RecordingPublisher;
import dev.formbridge.testutils.SignedRequests;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router and connector handlers with sample EventBridge and SQS events, over a real dynalite. */
class DeliveryHandlersTest {
    @TempDir
    Path keys;

    HandlerFixture fixture;
    final List<DeliveryJob> queued = new CopyOnWriteArrayList<>();
    Submission submission;

    @BeforeEach
    void setUp() {
        fixture = new HandlerFixture(keys);
        new ConnectorService(fixture.storage, fixture.cipher, OutboundPolicy.allowLocal(), fixture.clock)
                .create(fixture.site.site().tenantId(), ConnectorService.Spec.webhook("hook", "http://127.0.0.1:9/x"));
        var accepted = new dev.formbridge.ingest.IngestService(
                        fixture.directory(),
                        fixture.storage,
                        fixture.cipher,
                        new RecordingPublisher(),
                        fixture.clock,
                        fixture.settings)
                .ingest(SignedRequests.request(
                        fixture.site.site().key(),
                        fixture.site.secret(),
                        "msg_1",
                        fixture.clock.instant(),
                        SignedRequests.body("contact", "a@b.example")));
        submission = new SubmissionRepository(fixture.storage)
                .findById(fixture.site.site().tenantId(), ((IngestResult.Accepted) accepted).submissionId())
                .orElseThrow();
    }

    dev.formbridge.metrics.MetricCounters counters() {
        return new dev.formbridge.metrics.MetricCounters(
                new dev.formbridge.metrics.MetricCounterRepository(fixture.storage),
                fixture.clock,
                Duration.ofMinutes(1));
    }

    /** Routes the submission to the fixture's connector, so its delivery job is queued. */
    void routeSubmission() {
        new Router(fixture.storage, queued::addAll, fixture.clock, Duration.ZERO)
                .route(dev.formbridge.event.SubmissionAccepted.of(submission));
    }

    /** A worker over the fixture that sends webhooks with {@code webhook} and queues retries to {@code queue}. */
    DeliveryWorker worker(dev.formbridge.delivery.DeliveryQueue queue, ConnectorSender webhook) {
        return new DeliveryWorker(
                fixture.storage,
                queue,
                Map.of(ConnectorType.WEBHOOK, webhook),
                CircuitBreakers.defaults(fixture.clock),
                counters(),
                fixture.clock);
    }

    /** The sample batch, the routed job and an unreadable one, through the connector handler. */
    SQSBatchResponse connectorBatch(DeliveryWorker worker) {
        SQSEvent event = SampleEvents.load(
                "delivery-jobs.json",
                SQSEvent.class,
                Map.of("GOOD_BODY", queued.getFirst().toJson().replace("\"", "\\\"")));
        return new ConnectorHandler(worker, Environment.metrics()).handleRequest(event, new LocalContext("connector"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> event() {
        return SampleEvents.load(
                "submission-accepted.json",
                Map.class,
                Map.of(
                        "TENANT_ID", submission.tenantId().value(),
                        "SITE_ID", submission.siteId().value(),
                        "SUBMISSION_ID", submission.id().value(),
                        "WEBHOOK_ID", submission.webhookId()));
    }

    @Test
    void the_router_handler_routes_an_eventbridge_event_once_however_often_it_arrives() {
        RouterHandler handler = new RouterHandler(
                new Router(fixture.storage, queued::addAll, fixture.clock, Duration.ZERO), Environment.metrics());

        assertThat(handler.handleRequest(event(), new LocalContext("router"))).isEqualTo(1);
        assertThat(queued)
                .singleElement()
                .satisfies(job ->
                        assertThat(job.submissionId()).isEqualTo(submission.id().value()));
        assertThat(new DeliveryRepository(fixture.storage).ofSubmission(submission.tenantId(), submission.id()))
                .hasSize(1);
    }

    @Test
    void the_connector_handler_attempts_each_job_and_drops_unreadable_ones_without_failing_the_batch() {
        routeSubmission();
        ConnectorSender accepting = (connector, delivery, s) -> SendOutcome.delivered(200, Duration.ofMillis(3));
        DeliveryWorker worker = worker(queued::addAll, accepting);
        SQSBatchResponse response = connectorBatch(worker);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(new DeliveryRepository(fixture.storage).ofSubmission(submission.tenantId(), submission.id()))
                .singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED));
    }

    @Test
    void a_job_that_fails_on_storage_is_reported_so_sqs_redelivers_only_that_message() {
        routeSubmission();
        DeliveryWorker broken = worker(
                jobs -> {
                    throw new IllegalStateException("queue down");
                },
                (c, d, s) -> SendOutcome.failed(500, Duration.ZERO, "HTTP 500", true));
        SQSBatchResponse response = connectorBatch(broken);

        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("msg-good");
    }

    @Test
    void an_illegal_argument_while_processing_a_readable_job_is_reported_so_sqs_redelivers_it_and_not_dropped() {
        routeSubmission();
        ConnectorSender throwing = (connector, delivery, s) -> {
            throw new IllegalArgumentException("a bug while processing, not an unreadable job");
        };
        DeliveryWorker worker = worker(queued::addAll, throwing);
        SQSBatchResponse response = connectorBatch(worker);

        // THEN the readable job comes back (the unreadable one is still dropped) and its delivery is still pending
        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("msg-good");
        assertThat(new DeliveryRepository(fixture.storage).ofSubmission(submission.tenantId(), submission.id()))
                .singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING));
    }
}
