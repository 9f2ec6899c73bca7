package dev.formbridge.cdk;

import dev.formbridge.delivery.QueueSettings;

/** The delivery queues' props: the shared queue settings, the connector's code, and what it reads and sends with. */
public record DeliveryQueuesProps(
        QueueSettings queue,
        LambdaJars jars,
        DataStore data,
        TableAccess access,
        Email email,
        DeploymentSettings settings) {}
