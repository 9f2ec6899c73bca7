package dev.formbridge.lambda;

import dev.formbridge.delivery.DeliveryQueue;
import dev.formbridge.delivery.QueueSettings;
import dev.formbridge.delivery.SqsDeliveryQueue;
import java.time.Clock;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What both asynchronous functions (router, connector) build from the environment, once per container: the delivery
 * queue. Kept apart from {@link Environment} so the authorizer's and ingest's jars, which leave out SQS, never load a
 * class that names it; what only the connector builds is in {@link ConnectorEnvironment}, out of the router's jar.
 */
final class DeliveryEnvironment {
    private DeliveryEnvironment() {}

    static DeliveryQueue deliveryQueue() {
        SqsClient sqs = SqsClient.builder().httpClient(Environment.http()).build();
        return new SqsDeliveryQueue(sqs, required(QueueSettings.QUEUE_URL_ENV), Clock.systemUTC());
    }

    /** The value of a required environment variable, or a clear failure at start. */
    static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the environment variable " + name + " is not set");
        }
        return value;
    }
}
