package dev.formbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.connector.CircuitState;
import dev.formbridge.connector.CircuitState.Status;
import dev.formbridge.connector.CircuitStateRepository;
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
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.CountingDynamo;
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
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Circuit-breaker transitions recorded on the connector, so another process (the portal) sees them: real workers, a
 * real HTTP receiver, dynalite, and a count of the writes to the circuit item.
 */
class ConnectorCircuitStateTest {
    static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final TenantId tenant = TenantId.next();
    final SiteId site = SiteId.next();
    final List<DeliveryAlert> alerts = new CopyOnWriteArrayList<>();
    Storage storage;
    CountingDynamo circuitWrites;
    SecretCipher cipher;
    ConnectorService connectors;
    OutboundHttp http;
    HttpReceiver receiver;
    QueuedDeliveries deliveries;
    Connector connector;

    @BeforeEach
    void setUp(@TempDir Path keys) {
        Storage plain = LocalDynamo.newStorage();
        circuitWrites = new CountingDynamo(
                plain.dynamo(),
                r -> r instanceof UpdateItemRequest u && u.key().get("sk").s().equals("CIRCUIT"));
        storage = circuitWrites.storage(plain);
        cipher = LocalKeyFileCipher.fromKeyFile(keys.resolve("master.key"));
        connectors = new ConnectorService(storage, cipher, OutboundPolicy.allowLocal(), clock);
        http = new OutboundHttp(OutboundPolicy.allowLocal());
        receiver = HttpReceiver.start().answering(500);
        deliveries = new QueuedDeliveries(storage, clock);
        connector = connectors
                .create(tenant, Spec.webhook("CRM", receiver.url("/hook")), "alice")
                .connector();
    }

    @AfterEach
    void tearDown() throws Exception {
        receiver.close();
        http.close();
    }

    /** A worker process: its own in-memory breakers (2 failures open the circuit for 30 s, doubling to 10 min). */
    DeliveryWorker worker() {
        return new DeliveryWorker(
                storage,
                deliveries,
                Map.of(ConnectorType.WEBHOOK, new WebhookSender(http, cipher, clock)),
                new CircuitBreakers(2, Duration.ofSeconds(30), Duration.ofMinutes(10), clock),
                new MetricCounters(new MetricCounterRepository(storage), clock, Duration.ofHours(1)),
                clock,
                alerts::add);
    }

    DeliveryWorker.Outcome deliverOne(DeliveryWorker worker) {
        return worker.process(deliveries.newDelivery(tenant, site, connector.id()));
    }

    @Test
    void the_portal_sees_a_circuit_open_then_half_open_then_closed_and_only_transitions_are_written() {
        DeliveryWorker worker = worker();

        // WHEN one delivery fails: below the threshold, nothing is written
        deliverOne(worker);
        assertThat(connectors.circuit(tenant, connector.id())).isEqualTo(CircuitState.neverOpened());
        assertThat(circuitWrites.count()).isZero();

        // WHEN a second one fails: the circuit opens for 30 s, one write
        deliverOne(worker);
        assertThat(connectors.circuit(tenant, connector.id()))
                .isEqualTo(new CircuitState(Status.OPEN, START, START.plusSeconds(30), START));
        assertThat(circuitWrites.count()).isEqualTo(1);

        // WHEN its time has passed: half-open, still without a write
        clock.advance(Duration.ofSeconds(31));
        assertThat(connectors.circuit(tenant, connector.id()).status()).isEqualTo(Status.HALF_OPEN);
        assertThat(circuitWrites.count()).isEqualTo(1);

        // WHEN the destination is back and the probe succeeds: closed, one more write
        receiver.answering(200);
        assertThat(deliverOne(worker)).isEqualTo(DeliveryWorker.Outcome.DELIVERED);
        CircuitState closed = connectors.circuit(tenant, connector.id());
        assertThat(closed.status()).isEqualTo(Status.CLOSED);
        assertThat(closed.changedAt()).isEqualTo(START.plusSeconds(31));
        assertThat(closed.openSince()).isNull();
        assertThat(circuitWrites.count()).isEqualTo(2);

        // WHEN more deliveries succeed: nothing more is written
        deliverOne(worker);
        deliverOne(worker);
        assertThat(circuitWrites.count()).isEqualTo(2);
    }

    @Test
    void a_circuit_another_worker_left_open_is_closed_by_the_first_success_here() {
        // GIVEN the circuit recorded as open by a worker that has gone away
        new CircuitStateRepository(storage).opened(tenant, connector.id(), START.plusSeconds(60), START);
        receiver.answering(200);

        // WHEN a fresh worker (nothing in memory) delivers successfully
        deliverOne(worker());

        // THEN the stored circuit is closed
        assertThat(connectors.circuit(tenant, connector.id()).status()).isEqualTo(Status.CLOSED);
    }

    @Test
    void a_circuit_open_for_15_minutes_raises_an_alert_at_its_next_opening_counted_from_the_first() {
        // GIVEN two workers failing against the same dead destination
        DeliveryWorker one = worker();
        DeliveryWorker two = worker();
        deliverOne(one);
        deliverOne(one); // opens at START in worker one
        clock.advance(Duration.ofMinutes(2));
        deliverOne(two);
        deliverOne(two); // opens again in worker two: the stored circuit stays open since START

        // WHEN the circuit keeps re-opening until a quarter of an hour has passed
        while (alerts.isEmpty() && clock.instant().isBefore(START.plus(Duration.ofHours(1)))) {
            clock.advance(Duration.ofMinutes(1));
            deliverOne(one);
        }

        // THEN the first alert comes with the first re-opening after 15 minutes (probes are at most 10 min apart),
        // naming the first opening
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.reason()).isEqualTo(DeliveryAlert.Reason.CIRCUIT_OPEN);
            assertThat(alert.openSince()).isEqualTo(START);
            assertThat(alert.at()).isBetween(START.plus(Circuits.LONG_OPEN), START.plus(Duration.ofMinutes(25)));
            assertThat(alert.connectorId()).isEqualTo(connector.id());
        });
        assertThat(connectors.circuit(tenant, connector.id()).openSince()).isEqualTo(START);
    }
}
