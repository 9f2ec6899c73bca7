/**
 * The AWS CDK app: one stack built from constructs per concern (data, ingest, events, delivery, e-mail, portal,
 * observability), each taking typed props. Table, event patterns and queue settings come from shared-model, the same
 * code the local runtime reads; Lambda code comes from the {@code lambdas} build output.
 */
package dev.formbridge.cdk;
