package dev.formbridge.benchmark.delivery;

import dev.formbridge.connector.ConnectorId;
import dev.formbridge.delivery.Attempt;
import dev.formbridge.delivery.Delivery;
import dev.formbridge.delivery.DeliveryRepository;
import dev.formbridge.storage.Storage;
import dev.formbridge.tenant.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's deliveries as the product recorded them (created by the router, updated by the worker): by status, how many
 * needed more than one attempt, and per delivery id when the router created it and when the worker's first POST
 * started. The counts tell "not delivered yet" from "never created" and show retries the receivers cannot see (an
 * attempt that failed before it reached them); the instants split the latency into stages.
 */
record Recorded(int created, int delivered, int pending, int failed, int retried, Map<String, Stamps> stamps) {

    /** {@code postedAt}: the first attempt's end minus its duration (null before any attempt). */
    record Stamps(Instant createdAt, Instant postedAt) {}

    static Recorded read(
            Storage storage, TenantId tenant, List<ConnectorId> connectors, Instant since, Map<String, ?> submissions) {
        DeliveryRepository deliveries = new DeliveryRepository(storage);
        int delivered = 0;
        int pending = 0;
        int failed = 0;
        int retried = 0;
        Map<String, Stamps> stamps = new HashMap<>();
        for (ConnectorId connector : connectors) {
            for (Delivery delivery : deliveries.ofConnectorSince(tenant, connector, since)) {
                if (!submissions.containsKey(delivery.submissionId().value())) {
                    continue; // an earlier run's
                }
                switch (delivery.status()) {
                    case DELIVERED -> delivered++;
                    case PENDING -> pending++;
                    case FAILED -> failed++;
                }
                retried += delivery.attemptCount() > 1 ? 1 : 0;
                Attempt first = delivery.attempts().isEmpty()
                        ? null
                        : delivery.attempts().getFirst();
                Instant posted = first == null ? null : first.at().minus(first.duration());
                stamps.put(delivery.id().value(), new Stamps(delivery.createdAt(), posted));
            }
        }
        return new Recorded(stamps.size(), delivered, pending, failed, retried, stamps);
    }
}
