package dev.formbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.formbridge.audit.AuditEvent;
import dev.formbridge.audit.AuditQuery;
import dev.formbridge.audit.AuditRepository;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.connector.ConnectorService.Spec;
import dev.formbridge.connector.ConnectorType;
import dev.formbridge.metrics.MetricCounterRepository;
import dev.formbridge.metrics.MetricCounters;
import dev.formbridge.outbound.OutboundPolicy;
import dev.formbridge.secret.LocalKeyFileCipher;
import dev.formbridge.secret.SecretCipher;
import dev.formbridge.site.SiteId;
import dev.formbridge.storage.Keys;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import dev.formbridge.testutils.InterceptedDynamo;
import dev.formbridge.testutils.LocalDynamo;
import dev.formbridge.testutils.MutableClock;
import dev.formbridge.testutils.QueuedDeliveries;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * A 410 disables its connector also when the connector changed while the attempt was under way (the worker's copy is
 * then stale): a real worker over dynalite, senders that answer 410 after someone edited the connector.
 */
class ConnectorGoneTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    final TenantId tenant = TenantId.next();
    final SiteId site = SiteId.next();
    final List<DeliveryAlert> alerts = new CopyOnWriteArrayList<>();
    Storage storage;
    ConnectorService service;
    QueuedDeliveries deliveries;
    Connector connector;

    @BeforeEach
    void setUp(@TempDir Path keys) {
        storage = LocalDynamo.newStorage();
        SecretCipher cipher = LocalKeyFileCipher.fromKeyFile(keys.resolve("master.key"));
        service = new ConnectorService(storage, cipher, OutboundPolicy.allowLocal(), clock);
        deliveries = new QueuedDeliveries(storage, clock);
        // nothing listens there: the senders below answer for it
        connector = service.create(tenant, Spec.webhook("CRM", "http://127.0.0.1:9/hook"), "alice")
                .connector();
    }

    DeliveryWorker worker(Storage through, ConnectorSender sender) {
        return new DeliveryWorker(
                through,
                deliveries,
                Map.of(ConnectorType.WEBHOOK, sender),
                CircuitBreakers.defaults(clock),
                new MetricCounters(new MetricCounterRepository(storage), clock, Duration.ofHours(1)),
                clock,
                alerts::add);
    }

    /** A sender that lets an admin save {@code edit} while the request is under way, then gets a 410. */
    ConnectorSender goneAfter(Spec edit) {
        return (c, delivery, submission) -> {
            service.update(tenant, connector.id(), edit, "bob");
            return SendOutcome.gone(Duration.ofMillis(5));
        };
    }

    List<AuditEvent> disabledEvents() {
        return new AuditRepository(storage)
                .page(tenant, AuditQuery.all(), null, 50).items().stream()
                        .filter(e -> e.action().equals("connector.disabled"))
                        .toList();
    }

    DeliveryWorker.Outcome deliverOne(DeliveryWorker worker) {
        return worker.process(deliveries.newDelivery(tenant, site, connector.id()));
    }

    @Test
    void a_410_disables_the_connector_even_if_it_was_renamed_while_the_attempt_was_under_way() {
        DeliveryWorker worker = worker(storage, goneAfter(Spec.webhook("CRM (renamed)", connector.target())));

        assertThat(deliverOne(worker)).isEqualTo(DeliveryWorker.Outcome.FAILED);

        Connector now = service.get(tenant, connector.id());
        assertThat(now.enabled()).isFalse();
        assertThat(now.name()).as("the rename is kept").isEqualTo("CRM (renamed)");
        assertThat(now.disabledReason()).startsWith("the destination answered 410 Gone");
        assertThat(disabledEvents()).hasSize(1);
        assertThat(alerts)
                .singleElement()
                .satisfies(a -> assertThat(a.reason()).isEqualTo(DeliveryAlert.Reason.CONNECTOR_DISABLED));
    }

    @Test
    void a_change_between_reading_and_saving_the_disable_is_read_again_and_the_connector_disabled() {
        // GIVEN an admin whose edit lands between the worker's read and its save of the disabled connector
        AtomicBoolean edited = new AtomicBoolean();
        String connectorSk = Keys.connectorSk(connector.id());
        Storage racing = new Storage(
                InterceptedDynamo.wrap(storage.dynamo(), (request, real) -> {
                    if (request instanceof PutItemRequest put
                            && put.item().get("sk").s().equals(connectorSk)
                            && edited.compareAndSet(false, true)) {
                        service.update(tenant, connector.id(), Spec.webhook("CRM (edited)", connector.target()), "bob");
                    }
                    return real.proceed();
                }),
                storage.definition());

        assertThat(deliverOne(worker(racing, (c, d, s) -> SendOutcome.gone(Duration.ofMillis(5)))))
                .isEqualTo(DeliveryWorker.Outcome.FAILED);

        assertThat(edited).isTrue();
        Connector now = service.get(tenant, connector.id());
        assertThat(now.enabled()).isFalse();
        assertThat(now.name()).isEqualTo("CRM (edited)");
        assertThat(disabledEvents()).hasSize(1);
    }

    @Test
    void a_connector_pointed_elsewhere_while_the_attempt_was_under_way_is_left_enabled() {
        // the 410 came from the old destination; the new one has not been tried
        DeliveryWorker worker = worker(storage, goneAfter(Spec.webhook("CRM", "http://127.0.0.1:10/new-hook")));

        assertThat(deliverOne(worker)).isEqualTo(DeliveryWorker.Outcome.FAILED);

        assertThat(service.get(tenant, connector.id()).enabled()).isTrue();
        assertThat(disabledEvents()).isEmpty();
        assertThat(alerts).isEmpty();
    }
}
