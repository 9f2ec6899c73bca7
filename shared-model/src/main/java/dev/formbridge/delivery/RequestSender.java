package dev.formbridge.delivery;

import com.samskivert.mustache.MustacheException;
import dev.formbridge.connector.Connector;
import dev.formbridge.submission.Submission;
import java.time.Duration;

/**
 * A sender in two steps: {@link #request} builds what would go out (rendering, signing, decrypting headers) without
 * sending anything; {@link #send(DeliveryRequest)} sends it. The worker does both; a dry run only the first, a
 * test-send both with a made-up submission.
 */
public interface RequestSender extends ConnectorSender {

    /** The error of an attempt whose connector settings could not make a request (never the settings themselves). */
    String UNUSABLE_SETTINGS = "the connector's settings could not make a request; fix the connector and replay";

    /** What this sender would send for {@code submission} to {@code connector} as delivery {@code deliveryId}. */
    DeliveryRequest request(Connector connector, String deliveryId, Submission submission);

    /** Sends a request this sender built; never throws for a failure of the destination. */
    SendOutcome send(DeliveryRequest request);

    /**
     * Builds and sends. Settings that cannot make a request (a template that does not render, a URL HttpClient refuses)
     * fail the attempt without a retry, so the delivery is dead-lettered and can be replayed once the connector is
     * fixed; retrying cannot help. Anything else thrown while building (the key service, storage) is passed on, so the
     * queue redelivers the job.
     */
    @Override
    default SendOutcome send(Connector connector, Delivery delivery, Submission submission) {
        DeliveryRequest request;
        try {
            request = request(connector, delivery.id().value(), submission);
        } catch (MustacheException e) {
            return SendOutcome.failed(0, Duration.ZERO, "the template could not be rendered: " + e.getMessage(), false);
        } catch (IllegalArgumentException e) {
            // not its message: it may quote the URL, and the path of a Slack webhook URL is its credential
            return SendOutcome.failed(0, Duration.ZERO, UNUSABLE_SETTINGS, false);
        }
        return send(request);
    }
}
