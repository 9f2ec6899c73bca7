package dev.formbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorId;
import dev.formbridge.connector.ConnectorRepository;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.ConnectorService.Spec;
import dev.formbridge.connector.ConnectorType;
import dev.formbridge.connector.RetryPolicy;
import dev.formbridge.metrics.MetricCounterRepository;
import dev.formbridge.metrics.MetricCounters;
import dev.formbridge.outbound.OutboundHttp;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.outbound.OutboundRefusedException;
import dev.formbridge.secret.EncryptedSecret;
import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.site.SiteId;
import dev.formbridge.storage.Storage;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.HttpReceiver;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.MutableClock;
import dev.formbridge.testutils.QueuedDeliveries;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connector settings that cannot make a request (saved before today's checks existed) fail the delivery once, without
 * a retry, so it is dead-lettered and can be replayed after a fix, instead of staying pending for ever: real workers
 * and senders, dynalite. Failures of the key service while building a request still go back to the queue.
 */
class UnusableConnectorSettingsTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    final TenantId tenant = TenantId.next();
    final SiteId site = SiteId.next();
    Storage storage;
    SecretCipher cipher;
    ConnectorService service;
    OutboundHttp http;
    HttpReceiver receiver;
    QueuedDeliveries deliveries;

    @BeforeEach
    void setUp(@TempDir Path keys) {
        storage = LocalDynamo.newStorage();
        cipher = LocalKeyFileCipher.fromKeyFile(keys.resolve("master.key"));
        service = new ConnectorService(storage, cipher, OutboundPolicy.allowLocal(), clock);
        http = new OutboundHttp(OutboundPolicy.allowLocal());
        receiver = HttpReceiver.start();
        deliveries = new QueuedDeliveries(storage, clock);
    }

    @AfterEach
    void tearDown() throws Exception {
        receiver.close();
        http.close();
    }

    DeliveryWorker worker(SecretCipher workerCipher) {
        return new DeliveryWorker(
                storage,
                deliveries,
                Map.of(
                        ConnectorType.WEBHOOK, new WebhookSender(http, workerCipher, clock),
                        ConnectorType.SLACK, new SlackSender(http)),
                CircuitBreakers.defaults(clock),
                new MetricCounters(new MetricCounterRepository(storage), clock, Duration.ofHours(1)),
                clock);
    }

    /** A connector created with good settings, then stored with {@code target} and {@code template} unchecked. */
    Connector savedUnchecked(ConnectorType type, String target, String template) {
        Connector created = service.create(
                        tenant,
                        new Spec(
                                type,
                                "Legacy",
                                receiver.url("/hook"),
                                null,
                                null,
                                Map.of(),
                                Connector.DEFAULT_TIMEOUT,
                                RetryPolicy.defaults()),
                        "alice")
                .connector();
        ConnectorRepository repository = new ConnectorRepository(storage);
        Connector good = repository.find(tenant, created.id()).orElseThrow();
        return repository.save(good.withSettings(
                good.name(),
                target,
                good.filter(),
                template,
                good.headers(),
                good.timeout(),
                good.retryPolicy(),
                good.revision()));
    }

    Delivery stored(DeliveryJob job) {
        return new DeliveryRepository(storage)
                .find(tenant, new SubmissionId(job.submissionId()), new ConnectorId(job.connectorId()))
                .orElseThrow();
    }

    @Test
    void a_saved_template_with_a_partial_fails_its_delivery_without_a_retry_and_dead_letters_it() {
        Connector connector = savedUnchecked(ConnectorType.WEBHOOK, receiver.url("/hook"), "{\"a\":\"{{>x}}\"}");
        DeliveryJob job = deliveries.newDelivery(tenant, site, connector.id());

        assertThat(worker(cipher).process(job)).isEqualTo(DeliveryWorker.Outcome.FAILED);

        Delivery failed = stored(job);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.statusCode()).isZero();
            assertThat(attempt.error())
                    .isEqualTo(
                            "the template could not be rendered: partials ({{>name}}) are not supported: remove {{>x}}");
        });
        assertThat(new DeliveryRepository(storage).deadLetters(tenant))
                .singleElement()
                .satisfies(dead -> assertThat(dead.deliveryId()).isEqualTo(failed.id()));
        assertThat(deliveries.queued()).isEmpty();
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void a_saved_url_with_a_port_above_65535_fails_its_delivery_as_refused_without_a_retry() {
        Connector connector = savedUnchecked(ConnectorType.WEBHOOK, "https://93.184.215.14:70000/hook", null);
        DeliveryJob job = deliveries.newDelivery(tenant, site, connector.id());

        assertThat(worker(cipher).process(job)).isEqualTo(DeliveryWorker.Outcome.FAILED);

        assertThat(stored(job).attempts())
                .singleElement()
                .satisfies(attempt ->
                        assertThat(attempt.error()).isEqualTo("refused: the URL's port must be between 1 and 65535"));
        assertThat(new DeliveryRepository(storage).deadLetters(tenant)).hasSize(1);
        assertThat(deliveries.queued()).isEmpty();
    }

    @Test
    void a_saved_slack_url_that_is_not_a_url_fails_its_delivery_without_repeating_the_url() {
        // the path of a Slack webhook URL is its credential: it must not end up in the stored error
        Connector connector =
                savedUnchecked(ConnectorType.SLACK, "https://hooks.slack.com/services/T0/B0/s3cr et", null);
        DeliveryJob job = deliveries.newDelivery(tenant, site, connector.id());

        assertThat(worker(cipher).process(job)).isEqualTo(DeliveryWorker.Outcome.FAILED);

        assertThat(stored(job).attempts())
                .singleElement()
                .satisfies(attempt -> assertThat(attempt.error())
                        .isEqualTo(RequestSender.UNUSABLE_SETTINGS)
                        .doesNotContain("s3cr"));
        assertThat(new DeliveryRepository(storage).deadLetters(tenant))
                .singleElement()
                .satisfies(dead -> assertThat(dead.reason()).doesNotContain("s3cr"));
    }

    @Test
    void a_key_service_failure_while_building_the_request_goes_back_to_the_queue_and_records_nothing() {
        Connector connector = savedUnchecked(ConnectorType.WEBHOOK, receiver.url("/hook"), null);
        DeliveryJob job = deliveries.newDelivery(tenant, site, connector.id());
        SecretCipher unavailable = new SecretCipher() {
            @Override
            public EncryptedSecret encrypt(byte[] plaintext, String context) {
                return cipher.encrypt(plaintext, context);
            }

            @Override
            public byte[] decrypt(EncryptedSecret secret, String context) {
                throw new SecretCipherException("the key service is unavailable", null);
            }
        };

        assertThatThrownBy(() -> worker(unavailable).process(job))
                .isInstanceOf(SecretCipher.SecretCipherException.class);

        Delivery pending = stored(job);
        assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(pending.attempts()).isEmpty();
    }

    @Test
    void saving_refuses_a_port_above_65535_and_a_template_with_a_partial() {
        assertThatThrownBy(() ->
                        service.create(tenant, Spec.webhook("Bad port", "https://93.184.215.14:70000/hook"), "alice"))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessage("the URL's port must be between 1 and 65535");
        assertThatThrownBy(() -> service.create(
                        tenant,
                        Spec.webhook("Partial", receiver.url("/hook")).withTemplate("{\"a\":\"{{>x}}\"}"),
                        "alice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid template: partials ({{>name}}) are not supported: remove {{>x}}");
    }
}
