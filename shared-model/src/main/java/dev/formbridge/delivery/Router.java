package dev.formbridge.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formbridge.Json;
import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorRepository;
import dev.formbridge.event.EventContract;
import dev.formbridge.event.SubmissionAccepted;
import dev.formbridge.site.SiteId;
import dev.formbridge.storage.Storage;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionRepository;
import dev.formbridge.tenant.TenantId;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.Machine;

/**
 * Fans a stored submission out to its tenant's connectors: reads the submission (the event is a claim check), matches
 * every enabled connector's filter with AWS event-ruler, creates one delivery per match — conditionally, so a
 * redelivered event creates no second delivery — and queues a job per new delivery. Connectors are cached briefly.
 */
public final class Router {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final SubmissionRepository submissions;
    private final ConnectorRepository connectors;
    private final DeliveryRepository deliveries;
    private final DeliveryQueue queue;
    private final Clock clock;
    private final long cacheMillis;
    private final ConcurrentHashMap<TenantId, Routes> cache = new ConcurrentHashMap<>();

    public Router(Storage storage, DeliveryQueue queue, Clock clock, Duration connectorCache) {
        this.submissions = new SubmissionRepository(storage);
        this.connectors = new ConnectorRepository(storage);
        this.deliveries = new DeliveryRepository(storage);
        this.queue = queue;
        this.clock = clock;
        this.cacheMillis = connectorCache.toMillis();
    }

    /** A tenant's enabled connectors with their filters compiled into one event-ruler machine. */
    private record Routes(List<Connector> unfiltered, List<Connector> filtered, Machine machine, long expiresAt) {}

    /** Routes one event; returns the deliveries queued. Throws (so the bus retries) when storage or the queue fails. */
    public List<Delivery> route(SubmissionAccepted event) {
        TenantId tenant = new TenantId(event.tenantId());
        Routes routes = routes(tenant);
        if (routes.unfiltered().isEmpty() && routes.filtered().isEmpty()) {
            return List.of(); // no enabled connector: nothing to read, nothing to write
        }
        Optional<Submission> found = submissions.findByWebhookId(tenant, new SiteId(event.siteId()), event.webhookId());
        if (found.isEmpty()) {
            log.info("routing skipped: submission {} no longer exists", event.submissionId());
            return List.of();
        }
        Submission submission = found.get();
        List<Delivery> queued = new ArrayList<>();
        for (Connector connector : matching(routes, submission)) {
            Delivery delivery = Delivery.create(
                    tenant,
                    submission.id(),
                    submission.siteId(),
                    submission.webhookId(),
                    connector.id(),
                    clock.instant(),
                    submission.expiresAt());
            if (deliveries.createIfAbsent(delivery)) {
                queued.add(delivery);
            } else {
                // created by an earlier run of this event; queue it again only if it never got a first attempt
                deliveries
                        .find(tenant, submission.id(), connector.id())
                        .filter(d -> d.status() == DeliveryStatus.PENDING && d.attemptCount() == 0)
                        .ifPresent(queued::add);
            }
        }
        if (!queued.isEmpty()) {
            queue.send(queued.stream().map(d -> d.job(clock.instant())).toList());
        }
        log.info("submission {} routed to {} connector(s)", submission.id(), queued.size());
        return queued;
    }

    /** The enabled connectors whose filter matches the submission. */
    private static List<Connector> matching(Routes routes, Submission submission) {
        List<Connector> matched = new ArrayList<>(routes.unfiltered());
        if (!routes.filtered().isEmpty()) {
            Set<String> ids;
            try {
                ids = new HashSet<>(routes.machine().rulesForJSONEvent(filterEvent(submission)));
            } catch (Exception e) {
                throw new IllegalStateException("filter evaluation failed", e);
            }
            routes.filtered().stream().filter(c -> ids.contains(c.id().value())).forEach(matched::add);
        }
        return matched;
    }

    /** Forgets the cached connectors of a tenant (after a change in this process). */
    public void invalidate(TenantId tenant) {
        cache.remove(tenant);
    }

    private Routes routes(TenantId tenant) {
        long now = clock.millis();
        Routes cached = cache.get(tenant);
        if (cached != null && cached.expiresAt() > now) {
            return cached;
        }
        List<Connector> unfiltered = new ArrayList<>();
        List<Connector> filtered = new ArrayList<>();
        Machine machine = new Machine();
        for (Connector connector : connectors.list(tenant)) {
            if (!connector.enabled()) {
                continue;
            }
            if (connector.filter() == null) {
                unfiltered.add(connector);
                continue;
            }
            try {
                machine.addRule(connector.id().value(), connector.filter());
                filtered.add(connector);
            } catch (IOException | RuntimeException e) {
                log.warn("connector {} has an invalid filter and is skipped", connector.id());
            }
        }
        Routes routes = new Routes(unfiltered, filtered, machine, now + cacheMillis);
        cache.put(tenant, routes);
        return routes;
    }

    /** The event filters are matched against: the SubmissionAccepted summary plus the submission's fields. */
    public static String filterEvent(Submission submission) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("source", EventContract.SOURCE_INGEST);
        event.put("detail-type", EventContract.SUBMISSION_ACCEPTED);
        ObjectNode detail = event.putObject("detail");
        detail.put("tenantId", submission.tenantId().value());
        detail.put("siteId", submission.siteId().value());
        detail.put("submissionId", submission.id().value());
        detail.put("formId", submission.formId());
        detail.put("receivedAt", submission.receivedAt().toString());
        detail.put("sizeBytes", submission.sizeBytes());
        try {
            JsonNode payload = Json.MAPPER.readTree(submission.payload());
            detail.set("fields", payload.path("fields"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored payload is always valid JSON", e);
        }
        return event.toString();
    }
}
