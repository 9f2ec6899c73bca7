package dev.formbridge.cdk;

/** The portal's props: the table and keys it reads and writes, the queue replays go to, and where ingest is. */
public record PortalProps(
        DataStore data, TableAccess access, DeliveryQueues delivery, IngestApi ingest, DeploymentSettings settings) {}
