package dev.formbridge.portal.delivery;

import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorId;
import dev.formbridge.connector.ConnectorService;
import dev.formbridge.delivery.Delivery;
import dev.formbridge.delivery.DeliveryRepository;
import dev.formbridge.delivery.ReplayService;
import dev.formbridge.portal.security.Access;
import dev.formbridge.portal.security.NotFoundException;
import dev.formbridge.portal.security.TenantContext;
import dev.formbridge.submission.SubmissionId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Service;

/**
 * Deliveries as the portal offers them, always of the organisation in the security context; another organisation's
 * ids are "not found". Replays are written to the audit log by {@link ReplayService} with the signed-in user as actor.
 */
@Service
public class DeliveryAdminService {
    private final DeliveryRepository deliveries;
    private final ReplayService replay;
    private final ConnectorService connectors;
    private final TenantContext tenants;

    public DeliveryAdminService(
            DeliveryRepository deliveries, ReplayService replay, ConnectorService connectors, TenantContext tenants) {
        this.deliveries = deliveries;
        this.replay = replay;
        this.connectors = connectors;
        this.tenants = tenants;
    }

    public List<Connector> connectors() {
        return connectors.list(tenants.read().tenant());
    }

    /** A connector's deliveries created since {@code since}, newest first. */
    public List<Delivery> ofConnector(ConnectorId connector, Instant since) {
        Access access = tenants.read();
        requireConnector(access, connector);
        return deliveries.ofConnectorSince(access.tenant(), connector, since).stream()
                .sorted(Comparator.comparing(Delivery::createdAt).reversed())
                .toList();
    }

    public List<DeliveryRepository.DeadLetter> deadLetters() {
        return deliveries.deadLetters(tenants.read().tenant());
    }

    /** Replays the delivery of {@code submission} to {@code connector} (a delivered or failed one). */
    public Delivery replay(SubmissionId submission, ConnectorId connector) {
        Access access = tenants.change();
        try {
            return replay.replayDelivery(access.tenant(), submission, connector, access.actor());
        } catch (NoSuchElementException e) {
            throw new NotFoundException("The delivery");
        }
    }

    /** How many deliveries "replay all failed since" would replay (for the confirmation). */
    public int countFailedSince(ConnectorId connector, Instant since) {
        Access access = tenants.read();
        requireConnector(access, connector);
        return replay.countFailedSince(access.tenant(), connector, since);
    }

    public int replayFailedSince(ConnectorId connector, Instant since) {
        Access access = tenants.change();
        requireConnector(access, connector);
        return replay.replayFailedSince(access.tenant(), connector, since, access.actor());
    }

    /** Replays a submission to all its connectors (routing it again, so new matching connectors get it too). */
    public int replaySubmission(SubmissionId id) {
        Access access = tenants.change();
        try {
            return replay.replaySubmission(access.tenant(), id, access.actor());
        } catch (NoSuchElementException e) {
            throw new NotFoundException("The submission");
        }
    }

    private void requireConnector(Access access, ConnectorId connector) {
        try {
            connectors.get(access.tenant(), connector);
        } catch (NoSuchElementException e) {
            throw new NotFoundException("The connector");
        }
    }
}
