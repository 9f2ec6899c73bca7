package dev.formbridge.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditQuery;
import dev.formbridge.audit.AuditRepository;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.ConnectorService.NewConnector;
import dev.formbridge.connector.ConnectorService.Spec;
import dev.formbridge.connector.RetryPolicy;
import dev.formbridge.delivery.Delivery;
import dev.formbridge.delivery.DeliveryRepository;
import dev.formbridge.delivery.DeliveryStatus;
import dev.formbridge.metrics.MetricCounterRepository;
import dev.formbridge.metrics.MetricCounterRepository.Granularity;
import dev.formbridge.metrics.MetricCounters;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.outbound.OutboundRefusedException;
import dev.formbridge.site.SiteService.NewSecret;
import dev.formbridge.submission.SubmissionId;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deliveries end to end in the local runtime: signed ingest → bus → router → durable queue → real HTTP receivers. */
class DeliveryTest {
    static final RetryPolicy FAST = RetryPolicy.of(
            List.of(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100)));
    static final Map<String, String> ENV = Map.of(
            "FORMBRIDGE_ALLOW_PRIVATE_TARGETS", "true",
            "FORMBRIDGE_SITE_CACHE_MILLIS", "0",
            "FORMBRIDGE_CONNECTOR_CACHE_MILLIS", "0");

    @TempDir
    Path data;

    LocalRuntime runtime;
    NewSecret site;
    ConnectorService connectors;
    DeliveryRepository deliveries;

    @BeforeEach
    void start() {
        runtime = LocalRuntime.start(LocalConfig.forTests(data, ENV));
        site = LocalAdmin.create(runtime.storage(), runtime.cipher(), "Acme", "Shop", "https://shop.example");
        connectors = new ConnectorService(
                runtime.storage(), runtime.cipher(), OutboundPolicy.allowLocal(), Clock.systemUTC());
        deliveries = new DeliveryRepository(runtime.storage());
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    NewConnector webhook(Receiver receiver, String filter) {
        return connectors.create(
                site.site().tenantId(),
                Spec.webhook("hook", receiver.url())
                        .withFilter(filter)
                        .withRetryPolicy(FAST)
                        .withTimeout(Duration.ofSeconds(2)));
    }

    SubmissionId submit(String formId) throws Exception {
        String body = "{\"formId\":\"" + formId + "\",\"fields\":{\"email\":\"ada@example.org\",\"age\":36}}";
        HttpResponse<String> response =
                new LocalRuntimeTest.Sender(runtime, site).send(body, "msg_" + java.util.UUID.randomUUID());
        assertThat(response.statusCode()).isEqualTo(202);
        String id = response.body().replaceAll(".*\"submissionId\":\"([^\"]+)\".*", "$1");
        return new SubmissionId(id);
    }

    /** Verifies a Standard Webhooks signature with javax.crypto directly, not with Form-Bridge's signer. */
    static boolean independentlyVerified(Receiver.Request request, String secret) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((request.header("webhook-id") + "." + request.header("webhook-timestamp") + ".")
                .getBytes(StandardCharsets.UTF_8));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(request.body()));
        return List.of(request.header("webhook-signature").split(" ")).contains(expected);
    }

    @Test
    void a_submission_matching_two_connectors_reaches_both_once_with_signatures_that_verify() throws Exception {
        try (Receiver first = Receiver.start();
                Receiver second = Receiver.start()) {
            NewConnector a = webhook(first, null);
            NewConnector b = webhook(second, "{\"detail\":{\"formId\":[\"contact\"]}}");

            SubmissionId id = submit("contact");

            await(() -> first.requests().size() == 1 && second.requests().size() == 1);
            Thread.sleep(300);
            assertThat(first.requests()).hasSize(1);
            assertThat(second.requests()).hasSize(1);
            assertThat(independentlyVerified(
                            first.requests().getFirst(), a.signingSecret().reveal()))
                    .isTrue();
            assertThat(independentlyVerified(
                            second.requests().getFirst(), b.signingSecret().reveal()))
                    .isTrue();
            assertThat(new String(first.requests().getFirst().body(), StandardCharsets.UTF_8))
                    .contains(id.value())
                    .contains("ada@example.org");
            await(() -> deliveries.ofSubmission(site.site().tenantId(), id).stream()
                    .allMatch(d -> d.status() == DeliveryStatus.DELIVERED));
        }
    }

    @Test
    void a_receiver_failing_three_times_gets_it_on_the_fourth_attempt_with_the_same_webhook_id() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            receiver.then(Receiver.Answer.of(500), Receiver.Answer.of(500), Receiver.Answer.of(500));
            NewConnector connector = webhook(receiver, null);

            SubmissionId id = submit("contact");

            await(() -> delivery(id, connector).status() == DeliveryStatus.DELIVERED);
            Delivery delivered = delivery(id, connector);
            assertThat(delivered.attempts()).hasSize(4);
            assertThat(delivered.attempts()).extracting(a -> a.statusCode()).containsExactly(500, 500, 500, 200);
            assertThat(delivered.attempts().subList(0, 3))
                    .allSatisfy(a -> assertThat(a.nextAttemptAt()).isNotNull());
            assertThat(receiver.requests()).hasSize(4);
            assertThat(receiver.requests())
                    .extracting(r -> r.header("webhook-id"))
                    .containsOnly(delivered.id().value());
        }
    }

    @Test
    void a_receiver_that_is_down_for_a_while_gets_everything_once_it_is_up_under_the_same_ids() throws Exception {
        int port;
        try (Receiver probe = Receiver.start()) {
            port = probe.port();
        }
        NewConnector connector = connectors.create(
                site.site().tenantId(),
                Spec.webhook("hook", "http://127.0.0.1:" + port + "/hook")
                        .withRetryPolicy(RetryPolicy.of(List.of(
                                Duration.ofMillis(300),
                                Duration.ofMillis(300),
                                Duration.ofMillis(300),
                                Duration.ofMillis(300),
                                Duration.ofMillis(300))))
                        .withTimeout(Duration.ofSeconds(1)));
        SubmissionId one = submit("contact");
        SubmissionId two = submit("contact");
        await(() -> delivery(one, connector).attemptCount() >= 1
                && delivery(two, connector).attemptCount() >= 1);

        try (Receiver up = Receiver.startOn(port)) {
            await(() -> delivery(one, connector).status() == DeliveryStatus.DELIVERED
                    && delivery(two, connector).status() == DeliveryStatus.DELIVERED);
            assertThat(up.requests())
                    .extracting(r -> r.header("webhook-id"))
                    .containsExactlyInAnyOrder(
                            delivery(one, connector).id().value(),
                            delivery(two, connector).id().value());
        }
    }

    @Test
    void a_429_with_retry_after_7_is_not_retried_before_7_seconds() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            receiver.then(new Receiver.Answer(429, Map.of("Retry-After", "7"), 0));
            NewConnector connector = webhook(receiver, null);

            SubmissionId id = submit("contact");

            await(Duration.ofSeconds(15), () -> receiver.requests().size() == 2);
            var requests = receiver.requests();
            assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(7));
            await(() -> delivery(id, connector).status() == DeliveryStatus.DELIVERED);
        }
    }

    @Test
    void a_410_disables_the_connector_and_writes_an_audit_event() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            receiver.otherwise(Receiver.Answer.of(410));
            NewConnector connector = webhook(receiver, null);

            SubmissionId id = submit("contact");

            await(() -> delivery(id, connector).status() == DeliveryStatus.FAILED);
            await(() -> !connectors
                    .get(site.site().tenantId(), connector.connector().id())
                    .enabled());
            // the audit event follows the connector change
            await(() -> !auditEvents().isEmpty());
            assertThat(auditEvents()).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("connector.disabled");
                assertThat(e.target()).isEqualTo(connector.connector().id().value());
            });
            assertThat(deliveries.deadLetters(site.site().tenantId()))
                    .extracting(d -> d.deliveryId())
                    .contains(delivery(id, connector).id());
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @Test
    void a_dead_endpoint_does_not_delay_deliveries_to_a_healthy_connector() throws Exception {
        try (Receiver dead = Receiver.start();
                Receiver healthy = Receiver.start()) {
            dead.otherwise(new Receiver.Answer(200, Map.of(), 5_000)); // hangs past the 1 s timeout
            connectors.create(
                    site.site().tenantId(),
                    Spec.webhook("dead", dead.url()).withRetryPolicy(FAST).withTimeout(Duration.ofSeconds(1)));
            webhook(healthy, null);

            long started = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                submit("contact");
            }
            await(() -> healthy.requests().size() == 10);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void deliveries_pending_when_the_runtime_stops_complete_after_a_restart() throws Exception {
        runtime.close();
        LocalConfig persistent = new LocalConfig(data.resolve("persistent"), 0, 0, true, ENV);
        int port;
        try (Receiver probe = Receiver.start()) {
            port = probe.port();
        }
        List<SubmissionId> sent = new java.util.ArrayList<>();
        NewConnector connector;
        runtime = LocalRuntime.start(persistent);
        site = LocalAdmin.create(runtime.storage(), runtime.cipher(), "Acme", "Shop", "https://shop.example");
        connectors = new ConnectorService(
                runtime.storage(), runtime.cipher(), OutboundPolicy.allowLocal(), Clock.systemUTC());
        connector = connectors.create(
                site.site().tenantId(),
                Spec.webhook("hook", "http://127.0.0.1:" + port + "/hook")
                        .withRetryPolicy(RetryPolicy.of(java.util.Collections.nCopies(20, Duration.ofMillis(500))))
                        .withTimeout(Duration.ofSeconds(1)));
        for (int i = 0; i < 3; i++) {
            sent.add(submit("contact"));
        }
        deliveries = new DeliveryRepository(runtime.storage());
        await(() -> sent.stream().allMatch(id -> delivery(id, connector).attemptCount() >= 1));
        runtime.close(); // stopped in the middle: every delivery is pending, its next job on disk

        runtime = LocalRuntime.start(persistent);
        deliveries = new DeliveryRepository(runtime.storage());
        try (Receiver up = Receiver.startOn(port)) {
            await(
                    Duration.ofSeconds(20),
                    () -> sent.stream().allMatch(id -> delivery(id, connector).status() == DeliveryStatus.DELIVERED));
            assertThat(up.requests())
                    .extracting(r -> r.header("webhook-id"))
                    .doesNotHaveDuplicates()
                    .hasSize(3);
        }
    }

    @Test
    void an_exhausted_delivery_is_dead_lettered_and_a_replay_delivers_it_under_the_same_id() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            receiver.otherwise(Receiver.Answer.of(500));
            NewConnector connector = webhook(receiver, null);
            SubmissionId id = submit("contact");
            await(() -> delivery(id, connector).status() == DeliveryStatus.FAILED);
            Delivery failed = delivery(id, connector);
            assertThat(failed.attempts()).hasSize(FAST.maxAttempts());
            assertThat(deliveries.deadLetters(site.site().tenantId()))
                    .extracting(d -> d.deliveryId())
                    .contains(failed.id());
            assertThat(runtime.replay()
                            .countFailedSince(
                                    site.site().tenantId(),
                                    connector.connector().id(),
                                    failed.createdAt().minusSeconds(1)))
                    .isEqualTo(1);

            receiver.otherwise(Receiver.Answer.of(200));
            runtime.replay()
                    .replayDelivery(
                            site.site().tenantId(), id, connector.connector().id(), "user:admin@acme.example");

            await(() -> delivery(id, connector).status() == DeliveryStatus.DELIVERED);
            assertThat(receiver.requests())
                    .extracting(r -> r.header("webhook-id"))
                    .containsOnly(failed.id().value());
            assertThat(deliveries.deadLetters(site.site().tenantId())).isEmpty();
            assertThat(auditEvents()).anySatisfy(e -> assertThat(e.action()).isEqualTo("delivery.replayed"));
        }
    }

    @Test
    void replaying_another_tenants_delivery_is_not_found() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            NewConnector connector = webhook(receiver, null);
            SubmissionId id = submit("contact");
            await(() -> delivery(id, connector).status() == DeliveryStatus.DELIVERED);
            NewSecret other = LocalAdmin.create(runtime.storage(), runtime.cipher(), "Other", "o", "https://o.example");

            assertThatThrownBy(() -> runtime.replay()
                            .replayDelivery(
                                    other.site().tenantId(),
                                    id,
                                    connector.connector().id(),
                                    "user:mallory"))
                    .isInstanceOf(java.util.NoSuchElementException.class);
            assertThatThrownBy(
                            () -> runtime.replay().replaySubmission(other.site().tenantId(), id, "user:mallory"))
                    .isInstanceOf(java.util.NoSuchElementException.class);
        }
    }

    @Test
    void metric_counters_equal_what_happened_per_site_and_per_connector() throws Exception {
        try (Receiver good = Receiver.start();
                Receiver flaky = Receiver.start();
                Receiver broken = Receiver.start()) {
            flaky.then(Receiver.Answer.of(503), Receiver.Answer.of(503), Receiver.Answer.of(503));
            broken.otherwise(Receiver.Answer.of(400));
            NewConnector ok = webhook(good, null);
            NewConnector retried = webhook(flaky, null);
            NewConnector failing = webhook(broken, null);
            List<SubmissionId> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sent.add(submit("contact"));
            }
            await(() -> sent.stream()
                    .allMatch(id -> delivery(id, ok).status() == DeliveryStatus.DELIVERED
                            && delivery(id, retried).status() == DeliveryStatus.DELIVERED
                            && delivery(id, failing).status() == DeliveryStatus.FAILED));
            runtime.flushCounters();

            MetricCounterRepository metrics = new MetricCounterRepository(runtime.storage());
            Instant now = Instant.now();
            Map<String, Long> bySite = metrics.read(
                    site.site().tenantId(), MetricCounters.site(site.site().id().value()), Granularity.HOUR, now);
            // a site counts what ingest did; deliveries count per connector only (ADR 0019)
            assertThat(bySite).containsExactly(Map.entry("accepted", 3L));
            assertThat(counters(metrics, ok, now))
                    .containsEntry("delivered", 3L)
                    .doesNotContainKeys("retried", "failed");
            assertThat(counters(metrics, retried, now))
                    .containsEntry("delivered", 3L)
                    .containsEntry("retried", 3L);
            assertThat(counters(metrics, failing, now))
                    .containsEntry("failed", 3L)
                    .doesNotContainKey("delivered");
            long latencies = counters(metrics, ok, now).entrySet().stream()
                    .filter(e -> e.getKey().startsWith("latency_"))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            assertThat(latencies).isEqualTo(3L);
        }
    }

    Map<String, Long> counters(MetricCounterRepository metrics, NewConnector connector, Instant at) {
        return metrics.read(
                site.site().tenantId(),
                MetricCounters.connector(connector.connector().id().value()),
                Granularity.HOUR,
                at);
    }

    @Test
    void other_4xx_answers_fail_at_once_unless_the_connector_retries_them() throws Exception {
        try (Receiver strict = Receiver.start();
                Receiver lenient = Receiver.start()) {
            strict.otherwise(Receiver.Answer.of(404));
            lenient.then(Receiver.Answer.of(404));
            NewConnector byDefault = webhook(strict, null);
            NewConnector retrying404 = connectors.create(
                    site.site().tenantId(),
                    Spec.webhook("lenient", lenient.url())
                            .withRetryPolicy(FAST.retryingClientErrors(java.util.Set.of(404, 429))));

            SubmissionId id = submit("contact");

            await(() -> delivery(id, byDefault).status() == DeliveryStatus.FAILED
                    && delivery(id, retrying404).status() == DeliveryStatus.DELIVERED);
            assertThat(delivery(id, byDefault).attempts()).hasSize(1);
            assertThat(delivery(id, retrying404).attempts())
                    .extracting(a -> a.statusCode())
                    .containsExactly(404, 200);
        }
    }

    @Test
    void an_invalid_filter_pattern_is_rejected_with_a_message_saying_what_is_wrong() {
        assertThatThrownBy(() -> connectors.create(
                        site.site().tenantId(),
                        Spec.webhook("hook", "http://127.0.0.1:9/hook")
                                .withFilter("{\"detail\":{\"formId\":\"contact\"}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid filter pattern");
    }

    @Test
    void ssrf_targets_are_refused_under_the_production_rules() {
        ConnectorService production = new ConnectorService(
                runtime.storage(), runtime.cipher(), OutboundPolicy.production(), Clock.systemUTC());
        for (String url : List.of(
                "https://127.0.0.1/hook",
                "http://example.com/hook",
                "https://169.254.169.254/latest",
                "https://10.0.0.1/x",
                "https://localhost/x")) {
            assertThatThrownBy(() -> production.create(site.site().tenantId(), Spec.webhook("x", url)))
                    .as(url)
                    .isInstanceOf(OutboundRefusedException.class);
        }
    }

    Delivery delivery(SubmissionId id, NewConnector connector) {
        return deliveries
                .find(site.site().tenantId(), id, connector.connector().id())
                .orElseThrow();
    }

    List<AuditEvent> auditEvents() {
        return new AuditRepository(runtime.storage())
                .page(site.site().tenantId(), AuditQuery.all(), null, 100)
                .items();
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        await(Duration.ofSeconds(10), condition);
    }

    static void await(Duration within, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (java.util.NoSuchElementException notYet) {
                // the delivery is not created yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + within);
            }
            Thread.sleep(20);
        }
    }
}
