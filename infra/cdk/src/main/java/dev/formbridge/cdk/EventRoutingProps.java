package dev.formbridge.cdk;

/** The event routing's props: where the router's code is, and the table and queue it writes. */
public record EventRoutingProps(
        LambdaJars jars, DataStore data, TableAccess access, DeliveryQueues delivery, DeploymentSettings settings) {}
