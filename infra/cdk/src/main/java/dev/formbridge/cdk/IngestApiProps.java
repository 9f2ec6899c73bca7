package dev.formbridge.cdk;

/** The ingest API's props: code, the table and keys it reads, the bus it publishes to, and the deployment's limits. */
public record IngestApiProps(
        LambdaJars jars, DataStore data, TableAccess access, EventRouting events, DeploymentSettings settings) {}
