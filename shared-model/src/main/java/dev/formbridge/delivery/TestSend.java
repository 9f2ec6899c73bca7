package dev.formbridge.delivery;

import dev.formbridge.connector.Connector;
import dev.formbridge.connector.ConnectorId;
import dev.formbridge.connector.ConnectorRepository;
import dev.formbridge.connector.ConnectorType;
import dev.formbridge.site.SiteId;
import dev.formbridge.storage.Storage;
import dev.formbridge.submission.Submission;
import dev.formbridge.submission.SubmissionId;
import dev.formbridge.submission.SubmissionStatus;
import dev.formbridge.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Sends one made-up submission to a connector through its real sender, as a delivery would go (signed, with its
 * headers, under the SSRF rules), and reports how the destination answered. Nothing is recorded: no delivery, no
 * attempt, no metric, no circuit-breaker change, and a 410 does not disable the connector. Works for disabled
 * connectors too, so an admin can check a fix before enabling one again.
 */
public final class TestSend {
    /** The form id of the made-up submission, so receivers can tell a test from a real one. */
    public static final String FORM_ID = "form-bridge-test";

    /** The made-up site id of test submissions (no real site has it). */
    public static final SiteId SITE = new SiteId("site_00000000000000000000000000");

    private final ConnectorRepository connectors;
    private final Map<ConnectorType, ? extends RequestSender> senders;
    private final Clock clock;

    public TestSend(Storage storage, Map<ConnectorType, ? extends RequestSender> senders, Clock clock) {
        this.connectors = new ConnectorRepository(storage);
        this.senders = Map.copyOf(senders);
        this.clock = clock;
    }

    /**
     * How the destination took the test: {@code delivered} (a 2xx, or the mail server accepted it), the HTTP
     * {@code status} (0 without an answer; 250 for accepted e-mail), how long it took, and the error otherwise.
     */
    public record Result(boolean delivered, int status, Duration duration, String error) {}

    /** Sends the test submission to the tenant's connector {@code id} and returns how it went. */
    public Result send(TenantId tenant, ConnectorId id) {
        Connector connector =
                connectors.find(tenant, id).orElseThrow(() -> new NoSuchElementException("no connector " + id));
        RequestSender sender = senders.get(connector.type());
        SendOutcome outcome =
                sender.send(sender.request(connector, DeliveryId.next().value(), sample(tenant, clock.instant())));
        return new Result(outcome.delivered(), outcome.status(), outcome.duration(), outcome.error());
    }

    /** The made-up submission a test sends: a contact form with a name, an e-mail address and a message. */
    static Submission sample(TenantId tenant, Instant now) {
        String payload = "{\"formId\":\"" + FORM_ID + "\",\"fields\":{\"name\":\"Ada Lovelace\","
                + "\"email\":\"ada@example.org\",\"message\":\"This is a test submission sent by Form-Bridge.\"},"
                + "\"submittedAt\":\"" + now + "\",\"source\":{\"plugin\":\"form-bridge-test\"}}";
        return new Submission(
                tenant,
                SITE,
                SubmissionId.receivedAt(now),
                "msg_test_" + DeliveryId.next().value(),
                FORM_ID,
                payload,
                payload.getBytes(StandardCharsets.UTF_8).length,
                now,
                SubmissionStatus.ACCEPTED,
                now.plus(Duration.ofMinutes(1)));
    }
}
