package dev.formbridge.delivery;

import dev.formbridge.connector.Connector;
import dev.formbridge.submission.Submission;

/**
 * A sender in two steps: {@link #request} builds what would go out (rendering, signing, decrypting headers) without
 * sending anything; {@link #send(DeliveryRequest)} sends it. The worker does both; a dry run only the first, a
 * test-send both with a made-up submission.
 */
public interface RequestSender extends ConnectorSender {

    /** What this sender would send for {@code submission} to {@code connector} as delivery {@code deliveryId}. */
    DeliveryRequest request(Connector connector, String deliveryId, Submission submission);

    /** Sends a request this sender built; never throws for a failure of the destination. */
    SendOutcome send(DeliveryRequest request);

    @Override
    default SendOutcome send(Connector connector, Delivery delivery, Submission submission) {
        return send(request(connector, delivery.id().value(), submission));
    }
}
