package dev.formbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.tenant.TenantId;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A growing dead-letter list raises an alert at 10, 100, 1000 …: real workers, a real receiver, dynalite. */
class ConnectorDeadLettersTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    final TenantId tenant = TenantId.next();
    final SiteId site = SiteId.next();
    final List<DeliveryAlert> alerts = new CopyOnWriteArrayList<>();
    Storage storage;
    SecretCipher cipher;
    OutboundHttp http;
    HttpReceiver receiver;
    QueuedDeliveries deliveries;
    Connector connector;
    DeliveryWorker worker;

    @BeforeEach
    void setUp(@TempDir Path keys) {
        storage = LocalDynamo.newStorage();
        cipher = LocalKeyFileCipher.fromKeyFile(keys.resolve("master.key"));
        http = new OutboundHttp(OutboundPolicy.allowLocal());
        receiver = HttpReceiver.start().answering(400); // not retryable: every delivery is a dead letter at once
        deliveries = new QueuedDeliveries(storage, clock);
        connector = new ConnectorService(storage, cipher, OutboundPolicy.allowLocal(), clock)
                .create(tenant, Spec.webhook("CRM", receiver.url("/hook")), "alice")
                .connector();
        worker = new DeliveryWorker(
                storage,
                deliveries,
                Map.of(ConnectorType.WEBHOOK, new WebhookSender(http, cipher, clock)),
                new CircuitBreakers(1_000, Duration.ofSeconds(30), Duration.ofMinutes(10), clock),
                new MetricCounters(new MetricCounterRepository(storage), clock, Duration.ofHours(1)),
                clock,
                alerts::add);
    }

    @AfterEach
    void tearDown() throws Exception {
        receiver.close();
        http.close();
    }

    void failDeliveries(int count) {
        for (int i = 0; i < count; i++) {
            assertThat(worker.process(deliveries.newDelivery(tenant, site, connector.id())))
                    .isEqualTo(DeliveryWorker.Outcome.FAILED);
        }
    }

    @Test
    void the_tenth_dead_letter_of_a_connector_raises_one_alert_and_the_ninth_none() {
        failDeliveries(9);
        assertThat(alerts).isEmpty();

        failDeliveries(1);

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.reason()).isEqualTo(DeliveryAlert.Reason.DEAD_LETTERS);
            assertThat(alert.deadLetters()).isEqualTo(10);
            assertThat(alert.connectorId()).isEqualTo(connector.id());
        });
        failDeliveries(5);
        assertThat(alerts).hasSize(1);
    }

    @Test
    void a_replay_counts_down_so_the_list_crossing_10_again_is_noticed_again() {
        failDeliveries(10);
        DeliveryRepository repository = new DeliveryRepository(storage);
        DeliveryRepository.DeadLetter first = repository.deadLetters(tenant).getFirst();
        Delivery replayed =
                repository.find(tenant, first.submissionId(), connector.id()).orElseThrow();

        repository.removeDeadLetter(replayed);
        failDeliveries(1);

        assertThat(alerts)
                .hasSize(2)
                .allSatisfy(a -> assertThat(a.deadLetters()).isEqualTo(10));
    }

    @Test
    void a_counter_ahead_of_the_list_is_corrected_at_the_threshold_instead_of_raising_an_alert() {
        // GIVEN a counter at 9 while the list is empty (its dead letters expired)
        DeadLetterCounts counts = new DeadLetterCounts(storage);
        counts.reset(tenant, connector.id(), 9);

        // WHEN one dead letter is added
        failDeliveries(1);

        // THEN nobody is alerted and the counter says 1 again
        assertThat(alerts).isEmpty();
        assertThat(counts.listed(tenant, connector.id(), 100)).isEqualTo(1);
        assertThat(counts.add(tenant, connector.id())).isEqualTo(2);
    }

    @Test
    void erasing_a_submission_counts_its_dead_letter_down() {
        failDeliveries(2);
        DeliveryRepository repository = new DeliveryRepository(storage);
        SubmissionId erased = repository.deadLetters(tenant).getFirst().submissionId();

        repository.eraseOf(tenant, erased);

        assertThat(new DeadLetterCounts(storage).add(tenant, connector.id())).isEqualTo(2);
    }

    @Test
    void thresholds_are_10_100_1000_and_every_further_power_of_ten() {
        assertThat(List.of(1L, 9L, 10L, 11L, 20L, 99L, 100L, 500L, 1_000L, 10_000L, 100_000L))
                .filteredOn(DeadLetterWatch::isThreshold)
                .containsExactly(10L, 100L, 1_000L, 10_000L, 100_000L);
    }
}
