package dev.formbridge.delivery;

import dev.formbridge.connector.Connector;
import dev.formbridge.submission.Submission;

/** Sends one delivery attempt to one kind of destination; never throws for a failure of the destination. */
public interface ConnectorSender {
    SendOutcome send(Connector connector, Delivery delivery, Submission submission);
}
