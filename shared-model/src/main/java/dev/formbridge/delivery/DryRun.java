package dev.formbridge.delivery;

import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorId;
import dev.formbridge.connector.ConnectorRepository;
import dev.formbridge.connector.ConnectorType;
import dev.formbridge.storage.Storage;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.submission.SubmissionQuery;
import dev.formbridge.submission.SubmissionRepository;
import dev.formbridge.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import software.amazon.event.ruler.Machine;

/**
 * Shows what a connector would send for the tenant's most recent real submissions, without sending anything: for
 * each, whether the connector's filter matches it (the router's own test) and the request its sender would build,
 * with credentials masked. The request is built by the same code that builds real deliveries
 * ({@link RequestSender#request}); only the sending is left out. Delivery ids in a dry run are made up.
 */
public final class DryRun {
    /** The most submissions one dry run renders. */
    public static final int MAX_SUBMISSIONS = 20;

    private final ConnectorRepository connectors;
    private final SubmissionRepository submissions;
    private final Map<ConnectorType, ? extends RequestSender> senders;

    public DryRun(Storage storage, Map<ConnectorType, ? extends RequestSender> senders) {
        this.connectors = new ConnectorRepository(storage);
        this.submissions = new SubmissionRepository(storage);
        this.senders = Map.copyOf(senders);
    }

    /**
     * One submission in a dry run: whether the filter {@code matches} it, and the {@code request} the connector would
     * send (also for one that does not match, to show the template), or the {@code error} rendering it failed with.
     */
    public record Preview(
            SubmissionId submissionId,
            String formId,
            Instant receivedAt,
            boolean matches,
            RequestPreview request,
            String error) {}

    /** The dry run of a stored connector over the tenant's last {@code last} submissions (1 to 20), newest first. */
    public List<Preview> run(TenantId tenant, ConnectorId id, int last) {
        Connector connector =
                connectors.find(tenant, id).orElseThrow(() -> new NoSuchElementException("no connector " + id));
        return run(connector, last);
    }

    /**
     * The dry run of {@code connector} as given, which may be unsaved ({@code ConnectorService.draft}) over its
     * tenant's last {@code last} submissions (1 to 20), newest first.
     */
    public List<Preview> run(Connector connector, int last) {
        if (last < 1 || last > MAX_SUBMISSIONS) {
            throw new IllegalArgumentException("a dry run renders 1 to " + MAX_SUBMISSIONS + " submissions");
        }
        RequestSender sender = senders.get(connector.type());
        Machine filter = filter(connector);
        List<Preview> previews = new ArrayList<>();
        for (Submission submission : submissions
                .pageWithPayloads(connector.tenantId(), SubmissionQuery.all(), null, last)
                .items()) {
            boolean matches = matches(filter, submission);
            try {
                DeliveryRequest request =
                        sender.request(connector, DeliveryId.next().value(), submission);
                previews.add(new Preview(
                        submission.id(),
                        submission.formId(),
                        submission.receivedAt(),
                        matches,
                        request.preview(),
                        null));
            } catch (RuntimeException e) {
                previews.add(new Preview(
                        submission.id(), submission.formId(), submission.receivedAt(), matches, null, e.getMessage()));
            }
        }
        return previews;
    }

    @SuppressWarnings("deprecation") // the router builds its machine the same way
    private static Machine filter(Connector connector) {
        if (connector.filter() == null) {
            return null;
        }
        Machine machine = new Machine();
        try {
            machine.addRule(connector.id().value(), connector.filter());
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("the connector's filter is not a valid pattern: " + e.getMessage(), e);
        }
        return machine;
    }

    private static boolean matches(Machine filter, Submission submission) {
        if (filter == null) {
            return true;
        }
        try {
            return !filter.rulesForJSONEvent(Router.filterEvent(submission)).isEmpty();
        } catch (Exception e) {
            throw new IllegalStateException("filter evaluation failed", e);
        }
    }
}
